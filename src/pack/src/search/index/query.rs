//! Answering a query: the query words planned into groups of meanings (thesaurus, corrected
//! spelling, completions of the word being typed), BM25 scoring over those groups, and the hits
//! with their titles' marks and snippets. Must not import `ratatui` or `crossterm`.

use std::cmp::Reverse;

use super::super::lexicon::{Ordinary, QWord};
use super::super::snippet::{self, Marker};
use super::super::text::Stems;
use super::super::unit::{Class, Unit, collapse};
use super::super::{Hit, Kind, Results, Target};
use super::{Data, Surface};
use crate::model::Catalog;

/// At most this many query words are used.
const MAX_WORDS: usize = 16;
/// BM25's term-frequency saturation.
const K1: f32 = 1.2;
/// BM25's length normalisation.
const B: f32 = 0.6;
/// How much a thesaurus meaning counts against the word as typed.
const MEANS_WEIGHT: f32 = 0.85;
/// How much a corrected spelling counts.
const CORRECTED_WEIGHT: f32 = 0.8;
/// How much a completion of the word still being typed counts.
const PREFIX_WEIGHT: f32 = 0.7;
/// How much more a unit counts when the query covers its whole title.
const TITLE_BOOST: f32 = 0.6;
/// Completions tried for the word still being typed: the most frequent words it begins.
const PREFIX_LIMIT: usize = 12;

/// One meaning of a query word: the stems that must stand in a unit, and how much it counts.
#[derive(Debug, Clone)]
struct Alt {
    stems: Vec<Option<u32>>,
    weight: f32,
}

/// A query word (or phrase) and every meaning it is searched by; a unit scores for its best one.
#[derive(Debug, Clone)]
struct Group {
    alts: Vec<Alt>,
}

/// How a query is searched.
struct Plan {
    groups: Vec<Group>,
    /// The query's words as searched (corrected where spelling help changed one).
    used: Vec<String>,
    close: bool,
    crisis: bool,
}

impl Data {
    /// The groups a query is searched by: each thesaurus phrase, and each other word that is not a
    /// stop word, with its meanings, completions (the word still being typed) and corrected
    /// spelling. Also the words as searched, and whether a spelling was corrected.
    fn plan(&self, query: &str, words: &[QWord], ordinary: &Ordinary, stems: &Stems) -> Plan {
        let crisis = self.lexicon.is_crisis(words);
        let spanish = self.lexicon.is_spanish(query, words);
        let typing = !query.ends_with(char::is_whitespace);
        let meaningful = words.iter().any(|w| !self.lexicon.is_stop(&w.text));
        let mut plan = Plan {
            groups: Vec::new(),
            used: Vec::new(),
            close: false,
            crisis,
        };
        let mut at_word = 0;
        while at_word < words.len() {
            let (len, rules) = self.lexicon.rules_at(words, at_word);
            if len > 0 {
                let phrase = &words[at_word..at_word + len];
                let typed = phrase.iter().map(|w| self.word_stem(w)).collect();
                let mut alts = vec![Alt {
                    stems: typed,
                    weight: 1.0,
                }];
                for m in rules.iter().flat_map(|r| &r.means) {
                    let meant = (m.words.iter())
                        .map(|w| self.stem(&stems.of(self.spanish, w)))
                        .collect();
                    alts.push(Alt {
                        stems: meant,
                        weight: MEANS_WEIGHT,
                    });
                }
                plan.groups.push(Group { alts });
                plan.used.extend(phrase.iter().map(|w| w.text.clone()));
                at_word += len;
                continue;
            }
            let word = &words[at_word];
            at_word += 1;
            if meaningful && self.lexicon.is_stop(&word.text) {
                plan.used.push(word.text.clone());
                continue;
            }
            let mut alts = vec![Alt {
                stems: vec![self.word_stem(word)],
                weight: 1.0,
            }];
            if typing && at_word == words.len() && word.text.chars().count() >= 2 {
                self.complete(&word.text, &mut alts);
            }
            let known = alts[0].stems[0].is_some() || self.is_surface(&word.text);
            let mut shown = word.text.clone();
            if !known
                && alts.len() == 1
                && !crisis
                && (self.spanish || !spanish)
                && (self.spanish || !ordinary.contains(&word.text))
                && !self.lexicon.knows(word)
                && let Some(k) = self.closest(&word.text)
            {
                let fix = &self.surface[k];
                alts.push(Alt {
                    stems: vec![Some(fix.stem)],
                    weight: CORRECTED_WEIGHT,
                });
                shown = self.word(&fix.text).to_string();
                plan.close = true;
            }
            plan.used.push(shown);
            plan.groups.push(Group { alts });
        }
        plan
    }

    /// Adds the most frequent pack words that begin with `prefix` as meanings of lower weight.
    fn complete(&self, prefix: &str, alts: &mut Vec<Alt>) {
        let own = alts[0].stems[0];
        let mut more: Vec<&Surface> = self.surface[self.starting(prefix)]
            .iter()
            .filter(|s| Some(s.stem) != own)
            .collect();
        more.sort_by_key(|s| Reverse(s.freq));
        for s in more.into_iter().take(PREFIX_LIMIT) {
            alts.push(Alt {
                stems: vec![Some(s.stem)],
                weight: PREFIX_WEIGHT,
            });
        }
    }

    /// Answers a query: see [`super::SearchIndex::query`].
    pub(in crate::search) fn query(
        &self,
        catalog: &Catalog,
        query: &str,
        limit: usize,
        ordinary: &Ordinary,
    ) -> Results {
        let stems = Stems::default();
        let words = QWord::all(&stems, query, MAX_WORDS);
        let plan = self.plan(query, &words, ordinary, &stems);
        let mut scored = self.score(&plan.groups);
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let matched: Vec<u32> = (plan.groups.iter().flat_map(|g| &g.alts))
            .flat_map(|a| a.stems.iter().flatten().copied())
            .collect();
        let stem_texts: Vec<&str> = (matched.iter())
            .map(|&s| self.word(&self.stems[s as usize].text))
            .collect();
        let mut marker = Marker::new(&stems, self.spanish, &stem_texts);
        let mut hits = Vec::new();
        if plan.crisis {
            hits.push(self.help_hit(catalog));
        }
        let help_target = plan.crisis.then_some(self.help).flatten();
        for &(e, score) in &scored {
            if hits.len() >= limit.max(usize::from(plan.crisis)) {
                break;
            }
            if Some(self.entries[e].target) == help_target {
                continue;
            }
            #[allow(clippy::cast_possible_truncation)]
            let score = (score * 1000.0) as i64;
            hits.push(self.hit(catalog, e, score, &mut marker, &matched));
        }
        Results {
            hits,
            close: plan.close,
            used_query: if plan.close {
                plan.used.join(" ")
            } else {
                collapse(query)
            },
            crisis: plan.crisis,
        }
    }

    fn help_hit(&self, c: &Catalog) -> Hit {
        let target = self.help.unwrap_or(Target::Topic {
            topic: 0,
            section: None,
        });
        Hit {
            target,
            kind: Kind::Help,
            title: c.ui.help_result.clone(),
            title_matches: Vec::new(),
            snippet: collapse(&c.meta.crisis),
            snippet_matches: Vec::new(),
            score: i64::MAX,
        }
    }

    /// Every unit any group matched, with its score: for each group, the unit's best meaning
    /// (BM25 over the meaning's stems, averaged, and scaled by the share of those stems the unit
    /// holds, squared, so a phrase counts for little when half of it is missing), summed over
    /// groups; then scaled by the share of groups the unit answers, and raised by up to
    /// [`TITLE_BOOST`] for the share of its own title the query covers.
    fn score(&self, groups: &[Group]) -> Vec<(usize, f32)> {
        let n = self.entries.len();
        let mut total = vec![0f32; n];
        let mut answered = vec![0u16; n];
        let mut best = vec![0f32; n];
        let mut alt_acc = vec![(0f32, 0u16); n];
        let mut touched: Vec<usize> = Vec::new();
        let mut alt_touched: Vec<usize> = Vec::new();
        let mut query_stems: Vec<u32> = Vec::new();
        for g in groups {
            for alt in &g.alts {
                #[allow(clippy::cast_precision_loss)]
                let parts = alt.stems.len().max(1) as f32;
                for &s in alt.stems.iter().flatten() {
                    query_stems.push(s);
                    let idf = self.idf(s);
                    let p = &self.stems[s as usize].postings;
                    for post in &self.postings[p.start as usize..p.end as usize] {
                        let e = post.entry as usize;
                        let norm = 1.0 - B + B * self.entries[e].len / self.avg_len;
                        let tf = f32::from(post.tf) / 2.0;
                        let c = idf * tf * (K1 + 1.0) / (tf + K1 * norm);
                        if alt_acc[e].1 == 0 {
                            alt_touched.push(e);
                        }
                        alt_acc[e].0 += alt.weight * c / parts;
                        alt_acc[e].1 += 1;
                    }
                }
                for e in alt_touched.drain(..) {
                    if best[e] == 0.0 {
                        touched.push(e);
                    }
                    let (sum, held) = std::mem::take(&mut alt_acc[e]);
                    let share = f32::from(held) / parts;
                    best[e] = best[e].max(sum * share * share);
                }
            }
            for &e in &touched {
                total[e] += std::mem::take(&mut best[e]);
                answered[e] += 1;
            }
            touched.clear();
        }
        query_stems.sort_unstable();
        query_stems.dedup();
        #[allow(clippy::cast_precision_loss)]
        let g = groups.len().max(1) as f32;
        (0..n)
            .filter(|&e| answered[e] > 0)
            .map(|e| {
                let r = &self.entries[e].title;
                let title = &self.title_stems[r.start as usize..r.end as usize];
                let covered = title
                    .iter()
                    .filter(|s| query_stems.binary_search(s).is_ok())
                    .count();
                #[allow(clippy::cast_precision_loss)]
                let cover = covered as f32 / title.len().max(1) as f32;
                (
                    e,
                    total[e] * f32::from(answered[e]) / g * (1.0 + TITLE_BOOST * cover),
                )
            })
            .collect()
    }

    fn hit(
        &self,
        c: &Catalog,
        e: usize,
        score: i64,
        marker: &mut Marker<'_>,
        matched: &[u32],
    ) -> Hit {
        let target = self.entries[e].target;
        let unit = Unit::of(c, target);
        let mut title_matches: Vec<usize> = Vec::new();
        for f in unit.fields.iter().filter(|f| f.class.in_title()) {
            title_matches.extend(marker.marks(&f.text).into_iter().map(|i| i + f.offset));
        }
        title_matches.sort_unstable();
        title_matches.dedup();
        let weight = |s: u32| self.idf(s);
        let (snippet, snippet_matches) = match marker.best_field(&unit.fields, matched, &weight) {
            Some(f) => {
                let text = if f.class == Class::Alias {
                    format!("{} · {}", f.text, unit.lead)
                } else {
                    f.text.clone()
                };
                let marks = marker.marks(&text);
                snippet::clip(&text, &marks)
            }
            None => (unit.lead.clone(), Vec::new()),
        };
        Hit {
            target,
            kind: target.kind(),
            title: unit.title,
            title_matches,
            snippet,
            snippet_matches,
            score,
        }
    }
}
