//! What a note's file name and folders say of it: an exercise or its solution, a repository's
//! own file (how to contribute, what changed, the licence).

/// Folders of exercises and their solutions: steps to carry out, not facts to remember.
const EXERCISE_FOLDERS: [&str; 8] = [
    "assignment",
    "assignments",
    "exercise",
    "exercises",
    "homework",
    "homeworks",
    "solution",
    "solutions",
];

/// A file's name without its folders and extension.
pub fn file_stem(source: &str) -> &str {
    let file = source.rsplit(['/', '\\']).next().unwrap_or("");
    file.rsplit_once('.').map_or(file, |(s, _)| s)
}

/// The folders a file is in, the nearest first.
pub fn folders(source: &str) -> impl Iterator<Item = &str> {
    source.rsplit(['/', '\\']).skip(1)
}

/// An exercise or its solution: in a folder named so (`topics/aws/exercises/s3/solution.md`),
/// named so (`homework.md`), or so by its last word, in the singular (`pods_01_solution.md`,
/// `exercise.md`; not `Mobility Exercises.md`, a list of them).
pub fn is_exercise_file(source: &str) -> bool {
    let stem = file_stem(source);
    let last = stem.rsplit(['_', '-', ' ', '.']).next().unwrap_or("");
    let named = |w: &str| EXERCISE_FOLDERS.iter().any(|f| w.eq_ignore_ascii_case(f));
    named(stem)
        || ["solution", "exercise", "assignment"]
            .iter()
            .any(|w| last.eq_ignore_ascii_case(w))
        || folders(source).any(named)
}

/// A repository's own file, about the repository and not its subject: `CONTRIBUTING.md`,
/// `CHANGELOG.md`, `AGENTS.md`, `LICENSE.md`, … (upper case, as repositories name them; in any
/// case, the names no note takes).
pub fn is_repository_file(source: &str) -> bool {
    let stem = file_stem(source);
    let any_case = [
        "code_of_conduct",
        "code-of-conduct",
        "contributing",
        "pull_request_template",
    ];
    let upper = [
        "AGENTS",
        "CHANGELOG",
        "CLAUDE",
        "CODEOWNERS",
        "GOVERNANCE",
        "LICENCE",
        "LICENSE",
        "MAINTAINERS",
        "SECURITY",
        "SUPPORT",
    ];
    any_case.iter().any(|n| stem.eq_ignore_ascii_case(n)) || upper.contains(&stem)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exercises_and_solutions() {
        for s in [
            "topics/aws/exercises/s3/new_bucket/solution.md",
            "topics/os/solutions/fork_101_solution.md",
            "exercise.md",
            "notes/homework.md",
            "course/Homework/week1.md",
            "C:\\notes\\assignments\\a1.md",
        ] {
            assert!(is_exercise_file(s), "{s}");
        }
        for s in [
            "notes/solution architecture.md",
            "exercise physiology/muscles.md",
            "fitness/Mobility Exercises.md",
            "devops-exercises/README.md",
            "topics/python/README.md",
        ] {
            assert!(!is_exercise_file(s), "{s}");
        }
    }

    #[test]
    fn repository_files() {
        for s in [
            "repo/CONTRIBUTING.md",
            "AGENTS.md",
            "CHANGELOG.md",
            "LICENSE.md",
        ] {
            assert!(is_repository_file(s), "{s}");
        }
        // A page named `Changelog` is a log, judged as one.
        for s in [
            "notes/agents.md",
            "security.md",
            "Licensing.md",
            "pages/Changelog.md",
        ] {
            assert!(!is_repository_file(s), "{s}");
        }
    }
}
