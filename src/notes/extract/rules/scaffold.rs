//! Titles of a page's scaffolding rather than its topics: steps (`Step 2`, `4. Verify`),
//! facets (`Usage`, `Examples`), exercises, labs and assignments.

use super::*;

/// Headings of a tutorial's or an exercise's scaffolding, navigation and front matter
/// (`Objectives`, `Requirements`, `Solution`, `Next`, `Final note`): what is under them is a
/// step to follow or a page to visit, not a fact.
pub(super) const SCAFFOLD_TITLES: &[&str] = &[
    "about",
    "about me",
    "additional links",
    "additional resources",
    "answer",
    "answers",
    "challenge",
    "conclusion",
    "contents",
    "contribute",
    "contributing",
    "demo",
    "exercise",
    "exercises",
    "expected output",
    "external links",
    "final note",
    "final notes",
    "getting started",
    "install",
    "installation",
    "installing",
    "instructions",
    "intro",
    "introduction",
    "learn more",
    "licence",
    "license",
    "more info",
    "more information",
    "next",
    "next step",
    "objective",
    "objectives",
    "output",
    "pre-requisites",
    "prerequisites",
    "previous",
    "quick start",
    "quickstart",
    "read more",
    "requirements",
    "screenshot",
    "screenshots",
    "set up",
    "setup",
    "solution",
    "solutions",
    "steps",
    "support",
    "table of contents",
    "task",
    "tasks",
    "toc",
    "useful links",
    "verify",
];

/// Numbered steps and parts: `Step 3`, `4. Verify`, `Part II`.
pub(super) fn numbered_step(title: &str) -> bool {
    // A step's title is short and holds a digit or a Roman numeral's letters.
    if title.len() > 40 || title.split_whitespace().nth(2).is_some() {
        return false;
    }
    let t = title
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_ascii_lowercase();
    let mut words = t.split(|c: char| c.is_whitespace() || c == '.' || c == ':' || c == ')');
    let first = words.next().unwrap_or("");
    let rest: Vec<&str> = words.filter(|w| !w.is_empty()).collect();
    let numeral = |w: &str| {
        !w.is_empty()
            && (w.bytes().all(|b| b.is_ascii_digit())
                || w.bytes().all(|b| matches!(b, b'i' | b'v' | b'x')))
    };
    let step_word = |w: &str| {
        matches!(
            w,
            "step" | "part" | "stage" | "lab" | "exercise" | "task" | "lesson"
        )
    };
    // `Step 3`, `Lab 2` (the title is the step itself)
    (step_word(first) && rest.first().is_some_and(|w| numeral(w)) && rest.len() <= 1)
        // `4. Verify`
        || (first.bytes().all(|b| b.is_ascii_digit()) && !first.is_empty() && rest.len() == 1
            && matches_title(rest[0], SCAFFOLD_TITLES))
}

/// Is this title a heading of scaffolding or navigation (see [`SCAFFOLD_TITLES`]), or a
/// numbered step?
pub fn is_scaffold_title(title: &str) -> bool {
    matches_title(title, SCAFFOLD_TITLES) || numbered_step(title)
}

/// Labels of one facet of a subject (`Usage`, `Pros`, `Definition`, `Windows`): a question
/// only with the subject they belong to.
pub(super) const FACET_TITLES: &[&str] = &[
    "advantages",
    "android",
    "applications",
    "arguments",
    "background",
    "basics",
    "benefits",
    "caveats",
    "characteristics",
    "commands",
    "complexity",
    "components",
    "concepts",
    "config",
    "configuration",
    "cons",
    "definition",
    "description",
    "disadvantages",
    "drawbacks",
    "example",
    "examples",
    "features",
    "formula",
    "functionality",
    "functions",
    "fundamentals",
    "goal",
    "goals",
    "gotchas",
    "history",
    "how it works",
    "idea",
    "implementation",
    "intuition",
    "ios",
    "key idea",
    "key points",
    "limitations",
    "linux",
    "mac",
    "macos",
    "main idea",
    "methods",
    "motivation",
    "options",
    "parameters",
    "problem",
    "properties",
    "pros",
    "purpose",
    "return value",
    "returns",
    "role",
    "rules",
    "space complexity",
    "structure",
    "summary",
    "syntax",
    "time complexity",
    "tips",
    "types",
    "usage",
    "use",
    "use cases",
    "uses",
    "when to use",
    "windows",
];

/// A numbered exercise's title: `Exercise 2`, `Task 3:`, `Lab 1`, `Homework 4`.
pub fn is_exercise_title(title: &str) -> bool {
    let t = title.trim_matches(|c: char| !c.is_alphanumeric());
    let mut words = t.split_whitespace();
    let (Some(word), Some(number)) = (words.next(), words.next()) else {
        return false;
    };
    ["exercise", "task", "lab", "homework"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
        && number
            .trim_end_matches([':', '.', ')'])
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.')
        && number.starts_with(|c: char| c.is_ascii_digit())
        && words.next().is_none()
}

/// A heading an assignment's statement has: `Objectives`, `Objective`, `Instructions` (what to
/// do, not what to remember).
pub fn is_assignment_heading(title: &str) -> bool {
    matches_title(title, &["objective", "objectives", "instructions"])
}

/// A title that says the page is a lab or an assignment: `Practice Lab: Decision Trees`,
/// `Optional Lab: Cost Function`, `Homework 3`.
pub fn is_lab_title(title: &str) -> bool {
    let lower = title.trim().to_lowercase();
    let lower = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    // `Homework 3`, `Assignment: trees`, not `Assignment operators in C`.
    let numbered = |word: &str| {
        lower.strip_prefix(word).is_some_and(|rest| {
            rest.starts_with(':') || rest.trim_start().starts_with(|c: char| c.is_ascii_digit())
        })
    };
    [
        "practice lab",
        "optional lab",
        "ungraded lab",
        "graded lab",
        "lab:",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || numbered("homework")
        || numbered("assignment")
}

/// A title that names a plan or a record of one's own life, not a subject: `Trip planning for
/// Yosemite`, `Resolutions for 2023`, `Career next steps`, `Home Gym Setup`, `Exercise
/// Tracker`, `Notepad 2026`, `LLM Application Ideas`. Such pages are notes to oneself.
pub fn is_personal_title(title: &str) -> bool {
    let lower = title.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .filter(|w| !w.is_empty())
        .collect();
    let has = |w: &str| words.contains(&w);
    let pair = |a: &str, b: &str| words.windows(2).any(|p| p[0] == a && p[1] == b);
    PERSONAL_TITLE_WORDS.iter().any(|w| has(w))
        || pair("next", "steps")
        || pair("bucket", "list")
        || pair("packing", "list")
        || pair("reading", "list")
        || pair("gym", "setup")
        || words.last().is_some_and(|w| *w == "ideas")
}

/// Words that make a title one of a plan or a record of one's own (see
/// [`is_personal_title`]), sorted.
pub(super) const PERSONAL_TITLE_WORDS: &[&str] = &[
    "backlog",
    "brainstorm",
    "brainstorming",
    "budget",
    "groceries",
    "itinerary",
    "notepad",
    "resolutions",
    "resume",
    "roadmap",
    "scratchpad",
    "shopping",
    "tracker",
    "travel",
    "trip",
    "trips",
    "vacation",
    "wishlist",
    "workout",
    "workouts",
];

/// A short title whose last word is a facet (`Config Concepts`, `Advanced usage`): a part of a
/// subject, not the subject.
pub fn is_facet_phrase(title: &str) -> bool {
    let words = title.split_whitespace().count();
    (1..=3).contains(&words)
        && title
            .split_whitespace()
            .next_back()
            .is_some_and(|w| matches_title(w, FACET_TITLES))
}

/// Is this title the label of one facet of a subject (see [`FACET_TITLES`])?
pub fn is_facet_title(title: &str) -> bool {
    matches_title(title, FACET_TITLES)
}
