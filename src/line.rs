//! Line mode (`moodguide --line`, and what a dumb terminal or a pipe gets): the whole guide as a
//! conversation on plain lines, for screen readers and for terminals that cannot draw a screen.
//! Numbered choices; the reader types a number, words to search, `b` back, `h` home, `?` help or
//! `q` to leave. No cursor movement, no colour; the crisis line after every answer. Reads lines
//! from any `BufRead` and writes to any `Write`, so tests drive it with a script. Must not import
//! `ratatui` or `crossterm`.

use std::io::{self, BufRead, Write};

use crate::compare::{Audience, Matrix, Row};
use crate::content::Catalog;
use crate::page;
use crate::search::{SearchIndex, Target};
use crate::wrap::wrap_plain;

/// Where the reader is.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Home,
    Topics,
    Topic(usize),
    Questions(usize),
    Term(usize),
    Sets,
    Set(usize),
    Item(usize, usize),
    Results(String),
    Help,
}

/// What a number chooses on the current screen.
#[derive(Debug, Clone)]
enum Choice {
    Go(Place),
    Ask,
}

struct Line<'a, 'c> {
    c: &'c Catalog,
    index: &'c SearchIndex,
    width: usize,
    out: &'a mut dyn Write,
    choices: Vec<Choice>,
}

impl Line<'_, '_> {
    /// Writes `text` wrapped to the width (not at all for width 0), then a line break.
    fn say(&mut self, text: &str) -> io::Result<()> {
        if self.width == 0 || text.is_empty() {
            return writeln!(self.out, "{text}");
        }
        for l in wrap_plain(text, self.width) {
            writeln!(self.out, "{}", l.trim_end())?;
        }
        Ok(())
    }

    /// Writes a numbered choice and remembers what it opens.
    fn choice(&mut self, label: &str, to: Choice) -> io::Result<()> {
        self.choices.push(to);
        let n = self.choices.len();
        self.say(&format!("{n}. {label}"))
    }

    fn crisis(&mut self) -> io::Result<()> {
        writeln!(self.out)?;
        let crisis = self.c.meta.crisis.clone();
        self.say(&crisis)
    }

    /// Lines of a laid-out page, without a blank run at the end.
    fn page(&mut self, p: &page::Page) -> io::Result<()> {
        for l in p.plain_lines() {
            writeln!(self.out, "{}", l.trim_end())?;
        }
        Ok(())
    }

    fn show(&mut self, place: &Place) -> io::Result<()> {
        self.choices.clear();
        let c = self.c;
        let width = if self.width == 0 {
            usize::MAX / 2
        } else {
            self.width
        };
        writeln!(self.out)?;
        match place {
            Place::Home => self.home()?,
            Place::Topics => self.topics()?,
            Place::Topic(t) => {
                self.page(&page::topic(c, *t, page::reading_width(width)))?;
                self.crisis()?;
            }
            Place::Questions(n) => self.question(*n, width)?,
            Place::Term(g) => {
                self.page(&page::term(c, *g, page::reading_width(width)))?;
                self.crisis()?;
            }
            Place::Sets => {
                self.say(&c.ui.compare)?;
                for (s, set) in c.sets.iter().enumerate() {
                    self.choice(&set.title, Choice::Go(Place::Set(s)))?;
                }
            }
            Place::Set(s) => {
                let set = &c.sets[*s];
                self.say(&set.title)?;
                self.say(&set.intro)?;
                writeln!(self.out)?;
                for (i, item) in set.items.iter().enumerate() {
                    self.choice(&item_name(item), Choice::Go(Place::Item(*s, i)))?;
                }
            }
            Place::Item(s, i) => self.item(*s, *i)?,
            Place::Results(q) => self.results(q)?,
            Place::Help => {
                self.say(&c.ui.line_help)?;
                self.crisis()?;
            }
        }
        writeln!(self.out)?;
        self.say(&c.ui.line_prompt)?;
        self.out.flush()
    }

    fn home(&mut self) -> io::Result<()> {
        let (c, ui) = (self.c, &self.c.ui);
        self.say(&format!("{}: {}", c.meta.title, c.meta.tagline))?;
        self.say(&c.meta.disclaimer)?;
        writeln!(self.out)?;
        let entries = [
            (&ui.topics, Choice::Go(Place::Topics)),
            (&ui.compare, Choice::Go(Place::Sets)),
            (&ui.questions, Choice::Go(Place::Questions(root(c)))),
            (&ui.search, Choice::Ask),
            (&ui.help, Choice::Go(Place::Help)),
        ];
        for (k, (label, to)) in entries.into_iter().enumerate() {
            let hint = ui.home_hints.get(k).map_or("", String::as_str);
            self.choice(&format!("{label}: {hint}"), to)?;
        }
        self.crisis()
    }

    fn topics(&mut self) -> io::Result<()> {
        let c = self.c;
        self.say(&c.ui.topics)?;
        for (ci, cat) in c.categories.iter().enumerate() {
            writeln!(self.out)?;
            self.say(&cat.title)?;
            for (t, topic) in c
                .topics
                .iter()
                .enumerate()
                .filter(|(_, t)| t.category == ci)
            {
                self.choice(&topic.title, Choice::Go(Place::Topic(t)))?;
            }
        }
        Ok(())
    }

    fn question(&mut self, n: usize, width: usize) -> io::Result<()> {
        let (c, ui) = (self.c, &self.c.ui);
        if let Some(path) = crate::faq::path_to(&c.faq, n).filter(|p| p.len() > 1) {
            let names: Vec<&str> = path
                .iter()
                .map(|&i| c.faq.nodes[i].question.as_str())
                .collect();
            self.say(&format!("{}: {}", ui.path, names.join(" > ")))?;
        }
        let node = &c.faq.nodes[n];
        self.say(&node.question)?;
        writeln!(self.out)?;
        self.page(&page::answer(c, n, page::reading_width(width)))?;
        if !node.follow.is_empty() {
            writeln!(self.out)?;
            self.say(&ui.follow_ups)?;
            for f in node.follow.iter().filter_map(|f| c.node_index(f.as_str())) {
                self.choice(&c.faq.nodes[f].question, Choice::Go(Place::Questions(f)))?;
            }
        }
        if !node.more.is_empty() {
            writeln!(self.out)?;
            self.say(&ui.read_more)?;
            for t in node.more.iter().filter_map(|t| c.topic_index(t.as_str())) {
                self.choice(&c.topics[t].title, Choice::Go(Place::Topic(t)))?;
            }
        }
        if n != root(c) {
            self.crisis()?;
        }
        Ok(())
    }

    /// One comparison item, row by row, as a list (staff-only rows left out).
    fn item(&mut self, s: usize, i: usize) -> io::Result<()> {
        let c = self.c;
        let set = &c.sets[s];
        self.say(&item_name(&set.items[i]))?;
        let chosen: Vec<bool> = (0..set.items.len()).map(|k| k == i).collect();
        for row in Matrix::build(set, &chosen, Audience::Patient).rows {
            match row {
                Row::Group { title } => {
                    writeln!(self.out)?;
                    self.say(title)?;
                }
                Row::Values { label, cells, .. } => {
                    let text = (cells.first().copied().flatten())
                        .map_or(c.ui.no_value.as_str(), |cell| cell.text.as_str());
                    self.say(&format!("- {label}: {text}"))?;
                }
            }
        }
        self.crisis()
    }

    fn results(&mut self, q: &str) -> io::Result<()> {
        let (c, ui) = (self.c, &self.c.ui);
        let results = self.index.query(c, q, 20);
        if results.close {
            self.say(&ui.close_matches.replace("{query}", &results.used_query))?;
        }
        if results.hits.is_empty() {
            self.say(&ui.no_results)?;
        }
        for hit in &results.hits {
            let to = match hit.target {
                Target::Topic { topic, .. } => Place::Topic(topic),
                Target::Node(n) => Place::Questions(n),
                Target::Term(g) => Place::Term(g),
                Target::Item { set, item } | Target::Cell { set, item, .. } => {
                    Place::Item(set, item)
                }
            };
            let kind = hit.kind.label(ui);
            self.choice(&format!("{kind}: {}", hit.title), Choice::Go(to))?;
            if !hit.snippet.is_empty() {
                self.say(&format!("   {}", hit.snippet))?;
            }
        }
        self.crisis()
    }
}

/// "Name (Brand, Brand)".
fn item_name(item: &crate::content::Item) -> String {
    if item.brands.is_empty() {
        item.name.clone()
    } else {
        format!("{} ({})", item.name, item.brands.join(", "))
    }
}

fn root(c: &Catalog) -> usize {
    c.node_index(c.faq.root.as_str()).unwrap_or(0)
}

/// Runs the conversation until `q` or the end of the input. `width` 0 leaves lines unwrapped.
///
/// # Errors
/// An I/O error reading the input or writing the output.
pub fn run(
    c: &Catalog,
    index: &SearchIndex,
    width: usize,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut line = Line {
        c,
        index,
        width,
        out,
        choices: Vec::new(),
    };
    let mut here = Place::Home;
    let mut back: Vec<Place> = Vec::new();
    let mut asking = false;
    line.show(&here)?;
    let mut buf = String::new();
    loop {
        buf.clear();
        if input.read_line(&mut buf)? == 0 {
            return Ok(());
        }
        let typed = buf.trim();
        let next = match typed {
            "" => {
                line.show(&here)?;
                continue;
            }
            "q" | "Q" => return Ok(()),
            "h" | "H" => Some(Place::Home),
            "?" => Some(Place::Help),
            "b" | "B" => {
                if let Some(p) = back.pop() {
                    here = p;
                }
                line.show(&here)?;
                continue;
            }
            _ if asking => Some(Place::Results(typed.to_string())),
            _ => match typed.parse::<usize>() {
                Ok(n) => match line.choices.get(n.wrapping_sub(1)).cloned() {
                    Some(Choice::Go(p)) => Some(p),
                    Some(Choice::Ask) => {
                        asking = true;
                        let prompt = c.ui.search_prompt.clone();
                        line.say(&prompt)?;
                        line.out.flush()?;
                        continue;
                    }
                    None => {
                        let msg = c.ui.line_no_choice.replace("{number}", typed);
                        line.say(&msg)?;
                        line.out.flush()?;
                        continue;
                    }
                },
                // Anything else is words to search for.
                Err(_) => Some(Place::Results(typed.to_string())),
            },
        };
        asking = false;
        if let Some(p) = next {
            back.push(std::mem::replace(&mut here, p));
            line.show(&here)?;
        }
    }
}
