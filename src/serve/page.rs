//! The page the browser loads: one HTML document (maud), its stylesheet and its script, all
//! served by recall itself (no CDN: it works offline on a LAN). The script is small and of our
//! own: it asks `/api/next`, shows the question, reveals the answer on a tap or Space, and
//! sends the grade, undo, suspend and bury with the terminal's keys.

use maud::{html, Markup, DOCTYPE};

/// The script, served as `/app.js`.
pub const SCRIPT: &str = include_str!("../../assets/serve.js");
/// The stylesheet, served as `/app.css`.
pub const STYLE: &str = include_str!("../../assets/serve.css");

/// The review page.
pub fn review() -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { "recall" }
                link rel="stylesheet" href="/app.css";
                script src="/app.js" defer {}
            }
            body {
                main #app {
                    header #top {
                        span #place {}
                        span #left {}
                    }
                    section #question aria-live="polite" { p .quiet { "Loading…" } }
                    section #answer hidden {}
                    p #message role="status" {}
                    section #done hidden {
                        h1 { "All done for now." }
                        p { "Nothing is left to study. Cards that come due later today show when you reload." }
                    }
                    footer #controls {
                        button #show type="button" { "Show answer " kbd { "Space" } }
                        div #grades hidden {}
                        div #more {
                            button #undo type="button" { "Undo " kbd { "u" } }
                            button #bury type="button" { "Bury " kbd { "b" } }
                            button #suspend type="button" { "Suspend " kbd { "s" } }
                        }
                    }
                }
            }
        }
    }
}

/// What a request without the token gets instead of the page.
pub fn locked() -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head { meta charset="utf-8"; title { "recall: open the printed address" } }
            body {
                h1 { "This page needs its key" }
                p { "Open the address that " code { "recall serve" } " printed (it ends in "
                    code { "?token=…" } "), on this device or by its QR code." }
            }
        }
    }
}
