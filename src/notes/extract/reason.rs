//! Why a block gave no card: the reasons `--skipped` and the summaries show.

/// Why a block gave no card.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// An empty bullet, or one holding only properties.
    Empty,
    /// The page (or the configuration) takes explicit cards only.
    ExplicitOnly,
    /// Shown whole in the answer of another card.
    InAnswer,
    /// Plain text with no children and no card markup.
    Plain,
    /// Most children have children: a list of topics.
    Category,
    /// A heading whose children give cards of their own.
    Section,
    /// A task (`TODO`, `DONE`, `[ ]`, ...), or a block whose children are tasks.
    Task,
    /// A `{{query}}` or `#+BEGIN_QUERY` block, or an answer that is only a query.
    Query,
    /// Code (a fenced block): code is never a card.
    Code,
    /// A quote or callout.
    Quote,
    /// A footnote.
    Footnote,
    /// Part of a log: under a title that is a date (meeting notes, changelogs, diaries).
    Log,
    /// A question with no words of its own (only links, tags, URLs, dates, numbers, emoji).
    NoWords,
    /// Only a macro, an image or a video, or an answer that is nothing else.
    Media,
    /// Children that are mostly links, URLs or names.
    LinkList,
    /// Children that are open questions.
    OpenQuestions,
    /// Children that are examples.
    Examples,
    /// An answer over the length one can recall at a glance.
    TooLong,
    /// Long prose: bold in it is emphasis, and it is not an answer.
    Prose,
    /// The same question as an earlier sibling.
    Duplicate,
    /// A generic title (`Notes`, `Misc`, `Log`, `See also`): it names no topic.
    Generic,
    /// A title and names (`[[Piranesi]] — Susanna Clarke`), or only a reference to another
    /// block (`{{embed ((id))}}`): a reference, not a question.
    Reference,
    /// A question about the author (`Why I'm doing this`) or about its surroundings (`why is
    /// the code above rejected?`).
    NotSelfContained,
    /// Bold on a word of one or two letters (`**do**`, `*on*`): stress, not a term.
    BoldEmphasis,
    /// A line stating a fact about a bold term: its cloze asks it, not its children.
    Statement,
    /// Bold on a date without a year or an amount of money: a schedule, a budget.
    Schedule,
    /// Bold used as a label (`**Note**: …`).
    BoldLabel,
    /// A block bold from end to end: a term, not a cloze.
    BoldTerm,
    /// Bold that ends inside a word: emphasis on part of it.
    BoldPartWord,
    /// A cloze whose answer the same line gives away.
    AnswerVisible,
    /// Hiding the bold leaves no words.
    NoWordsAround,
    /// Bold in a table.
    Table,
    /// Bold clozes are switched off.
    BoldOff,
    /// A block with more bold spans than [`Caps::clozes_per_block`](crate::notes::Caps): the
    /// rest are not clozes.
    TooManyClozes,
    /// A `#card` block whose children are `#card` blocks: their category.
    CardCategory,
    /// A `#card` block with no answer.
    NoAnswer,
    /// A line that states something, with children that say more: not a question.
    StatesFact,
    /// A lead-in that ends in a colon (`Other specialized:`): it announces its children, it
    /// does not ask.
    LeadIn,
    /// The page reads as notes to oneself (diary, plans, ideas): explicit cards only.
    PersonalPage,
    /// The page is mostly tasks: explicit cards only.
    TaskPage,
    /// The page is a lab, an exercise, its solution or an assignment (steps to do): explicit
    /// cards only.
    ExercisePage,
    /// The page is a repository's own file (`CONTRIBUTING.md`, `CHANGELOG.md`): explicit cards
    /// only.
    RepositoryFile,
    /// A cloze hiding most of its line, or one of many bold spans of a line (a form of a table).
    ClozeSpan,
    /// A cloze hiding a term an earlier cloze of the page hides: the first asks it, the later
    /// sentences use it (`Logger` is the **abstraction**).
    TermAsked,
    /// Children that are settings, `key: value` (`name: job name`): a reference to look up.
    Settings,
    /// A step of a procedure (`Create another target group`): a recipe, not a question.
    Instruction,
    /// A phrase in lower case of four words or more: part of a sentence, not a term.
    Phrase,
    /// An answer whose items have items of their own: an outline to read, not a fact.
    Nested,
}

impl Reason {
    /// The word `--skipped` and the summaries show.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Empty => "empty",
            Reason::ExplicitOnly => "explicit-only page",
            Reason::InAnswer => "in another card's answer",
            Reason::Plain => "plain text",
            Reason::Category => "category",
            Reason::Section => "section title",
            Reason::Task => "task",
            Reason::Query => "query",
            Reason::Code => "code",
            Reason::Quote => "quote",
            Reason::Footnote => "footnote",
            Reason::Log => "log (dated)",
            Reason::NoWords => "no words of its own",
            Reason::Media => "macro or media",
            Reason::LinkList => "list of links or names",
            Reason::OpenQuestions => "open questions",
            Reason::Examples => "examples",
            Reason::TooLong => "too long",
            Reason::Prose => "prose",
            Reason::Duplicate => "duplicate question",
            Reason::Generic => "generic title",
            Reason::Reference => "reference (title and names)",
            Reason::NotSelfContained => "not self-contained",
            Reason::BoldEmphasis => "bold emphasis",
            Reason::Statement => "statement (its cloze asks it)",
            Reason::Schedule => "schedule or money",
            Reason::BoldLabel => "bold label",
            Reason::BoldTerm => "bold term",
            Reason::BoldPartWord => "bold part of a word",
            Reason::AnswerVisible => "answer visible",
            Reason::NoWordsAround => "nothing left to ask",
            Reason::Table => "table",
            Reason::BoldOff => "bold clozes off",
            Reason::TooManyClozes => "too many clozes",
            Reason::CardCategory => "#card category",
            Reason::NoAnswer => "#card without answer",
            Reason::StatesFact => "a statement, not a question",
            Reason::ClozeSpan => "cloze hides too much",
            Reason::TermAsked => "term asked by an earlier cloze",
            Reason::Settings => "settings (key: value)",
            Reason::Instruction => "a step to carry out, not a question",
            Reason::Phrase => "a phrase, not a term or a question",
            Reason::Nested => "an answer with items under its items",
            Reason::LeadIn => "a lead-in, not a question",
            Reason::PersonalPage => "page of notes to oneself (explicit cards only)",
            Reason::TaskPage => "page of tasks (explicit cards only)",
            Reason::ExercisePage => "lab, exercise or assignment (explicit cards only)",
            Reason::RepositoryFile => "a repository's own file (explicit cards only)",
        }
    }
}
