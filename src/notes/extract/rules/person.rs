//! Notes to oneself: text in the first person, and questions that point at their surroundings.

/// Does a text speak in the first person singular, of its author (`Why I'm doing this`,
/// `Keybindings I keep forgetting`, `I planted four`)? A note to oneself, not a fact. Quoted
/// words (`How do you say "I have to study"?`) do not count.
pub fn is_first_person(question: &str) -> bool {
    // A quick look first: a word `I…` (`I`, `I'm`), `my`, `me` or `myself`.
    let b = question.as_bytes();
    let ends = |k: usize| b.get(k).is_none_or(|n| !n.is_ascii_alphanumeric());
    let maybe = memchr::memchr3_iter(b'I', b'm', b'M', b).any(|k| {
        (k == 0 || !b[k - 1].is_ascii_alphanumeric())
            && match b[k] {
                b'I' => ends(k + 1),
                _ => {
                    matches!(b.get(k + 1), Some(b'y' | b'e'))
                        && (ends(k + 2) || b[k + 1..].starts_with(b"yself"))
                }
            }
    });
    if !maybe {
        return false;
    }
    // The words outside quotes, as slices of the text.
    let mut words: Vec<&str> = Vec::new();
    let mut quoted = false;
    let mut start = None;
    for (at, c) in question.char_indices() {
        if c.is_alphanumeric() || c == '\'' || c == '’' {
            start.get_or_insert(at);
            continue;
        }
        if let Some(s) = start.take() {
            if !quoted {
                words.push(&question[s..at]);
            }
        }
        if matches!(c, '"' | '“' | '”' | '«' | '»' | '「' | '」') {
            quoted = !quoted;
        }
    }
    if let (Some(s), false) = (start, quoted) {
        words.push(&question[s..]);
    }
    let is = |w: &str, list: &[&str]| list.iter().any(|v| v.eq_ignore_ascii_case(w));
    words.iter().enumerate().any(|(k, w)| match *w {
        "I'm" | "I've" | "I'd" | "I'll" | "I’m" | "I’ve" | "I’d" | "I’ll" => true,
        "my" | "My" | "me" | "Me" | "myself" => true,
        // `I` as a pronoun, not a numeral (`Type I error`): a verb follows. After an auxiliary
        // (`When do I use …?`) it is anyone's question.
        "I" => {
            words.get(k + 1).is_some_and(|v| {
                is(v, FIRST_PERSON_VERBS) || (v.len() >= 5 && v.ends_with("ed"))
                // `I planted`, `I tried`
            }) && !(k > 0 && is(words[k - 1], AUXILIARIES))
        }
        _ => false,
    })
}

/// Verbs before `I` in a question (`do I`, `should I`): a question anyone asks.
pub(super) const AUXILIARIES: &[&str] = &[
    "do", "does", "did", "can", "could", "should", "would", "will", "shall", "may", "might",
    "must", "am",
];

/// Verbs that follow a first-person `I`.
pub(super) const FIRST_PERSON_VERBS: &[&str] = &[
    "am", "was", "have", "had", "keep", "kept", "use", "used", "need", "needed", "want", "wanted",
    "think", "thought", "like", "liked", "learned", "learnt", "know", "knew", "do", "did", "don't",
    "didn't", "can", "can't", "could", "should", "would", "will", "wrote", "write", "read", "got",
    "get", "tried", "try", "found", "find", "made", "make", "see", "saw", "mean", "meant", "love",
    "hate", "switched", "started", "stopped", "forget", "forgot", "remember", "always", "never",
    "still", "just", "really", "also", "finally", "now", "recently", "only", "usually",
];

/// Do at least half of this text's sentences speak in the first person? An aside (`this is
/// where my loaves go wrong`) after two facts leaves them facts.
pub fn is_mostly_first_person(text: &str) -> bool {
    if !is_first_person(text) {
        return false;
    }
    let sentences: Vec<&str> = text
        .split_inclusive(['.', '!', '?', '。', '！', '？'])
        .filter(|s| s.chars().any(char::is_alphanumeric))
        .collect();
    sentences.iter().filter(|s| is_first_person(s)).count() * 2 >= sentences.len()
}

/// Does a question point at what stands around it (`why is the code above rejected?`)?
pub fn points_elsewhere(question: &str) -> bool {
    // A quick look first: `ove` (above), `low` (below, following) in any case, or `上`/`下`.
    let b = question.as_bytes();
    let at = |k: usize, w: &[u8]| {
        b.get(k..k + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    };
    let maybe = memchr::memchr3_iter(b'v', b'w', 0xB8, b)
        .chain(memchr::memchr2_iter(b'V', b'W', b))
        .any(|k| match b[k] {
            b'v' | b'V' => k >= 1 && at(k - 1, b"ove"),
            b'w' | b'W' => k >= 2 && at(k - 2, b"low"),
            _ => k >= 1 && b[k - 1] == 0xE4 && matches!(b.get(k + 1), Some(0x8A | 0x8B)),
        });
    if !maybe {
        return false;
    }
    let q = question.to_lowercase();
    [
        "code above",
        "example above",
        "snippet above",
        "table above",
        "the above",
        "code below",
        "example below",
        "table below",
        "the following",
        "see above",
        "see below",
        "shown above",
        "shown below",
        "上面的",
        "上記",
        "下記",
    ]
    .iter()
    .any(|p| q.contains(p))
}

/// Does an answer point at what follows it (`see the methods below`, `如下`) rather than say
/// it? Wider than [`points_elsewhere`], which reads questions: a lead-in question (`… the
/// following problems:`) has its answer below it; an answer has nothing below it.
pub fn points_ahead(answer: &str) -> bool {
    let a = answer.to_lowercase();
    [
        "below",
        "the following",
        "as follows",
        "下面",
        "如下",
        "以下",
    ]
    .iter()
    .any(|p| a.contains(p))
}

/// Does the text open with a page link or a bare address: `[[page]]`, `https://…`? (A Markdown
/// link, `[Promise.some](…)([p], count) - expect count to pass`, often names a term.)
pub fn starts_with_link(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("[[") || t.starts_with("https://") || t.starts_with("http://")
}

/// A pointer to somewhere else, not a question: `See https://…`, `see [[Page]]`, `cf. [text](url)`.
pub fn is_pointer(text: &str) -> bool {
    let t = text.trim_start();
    let rest = ["see ", "see: ", "cf. ", "ref: ", "via "]
        .iter()
        .find_map(|p| {
            t.get(..p.len())
                .filter(|h| h.eq_ignore_ascii_case(p))
                .map(|_| &t[p.len()..])
        });
    rest.is_some_and(starts_with_link)
}
