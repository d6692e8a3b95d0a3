//! The state file on the bundled pack: what a session keeps comes back whole in the next, by id;
//! what the content no longer has is dropped; a file of other content, another layout or no sense
//! at all is refused with a note; the store writes atomically, privately, and reads back.

use super::*;
use crate::app::saved::Saved;
use crate::app::{self, Action, Screen};
use crate::bundle::{Lang, load_in};
use crate::search::SearchIndex;
use std::path::Path;

fn pack() -> &'static (Catalog, SearchIndex) {
    static PACK: std::sync::OnceLock<(Catalog, SearchIndex)> = std::sync::OnceLock::new();
    PACK.get_or_init(|| load_in(Lang::En).unwrap())
}

/// A guide at home (keeping on) at 80x24.
fn home() -> App<'static> {
    let (c, ix) = pack();
    let mut a = App::new(c, ix, (80, 24));
    a.saved.on = true;
    a
}

fn act(a: &mut App<'_>, actions: &[Action]) {
    for &x in actions {
        app::update(a, x);
    }
}

/// A session that read a topic into a section, bookmarked a question and a topic, and left an
/// item out of the first comparison.
fn session() -> App<'static> {
    let c = &pack().0;
    let mut a = home();
    let q = c.node_index("is-ketamine-right").unwrap();
    a.follow(&crate::markup::LinkTarget::Faq(crate::content::NodeId(
        "is-ketamine-right".into(),
    )));
    act(&mut a, &[Action::Bookmark]);
    assert_eq!(a.saved.bookmarks, [Bookmark::Question(q)]);
    act(&mut a, &[Action::Show(Screen::Compare), Action::Toggle]);
    let t = c.topic_index("ssri-side-effects").unwrap();
    a.open_target(crate::search::Target::Topic {
        topic: t,
        section: Some(2),
    });
    act(&mut a, &[Action::Down, Action::Down, Action::Bookmark]);
    a
}

#[test]
fn a_session_comes_back_whole_in_the_next() {
    let before = session();
    let file = StateFile::of(&before);
    let text = file.to_toml();
    assert!(text.starts_with("# moodguide:"), "{text}");
    let read = StateFile::parse(&text, Path::new("state.toml")).unwrap();
    assert_eq!(read, file);
    let Some(LastPlace::Topic { topic, section, .. }) = &read.last else {
        panic!("{text}")
    };
    assert_eq!(topic, "ssri-side-effects");
    assert!(section.is_some(), "{text}");
    let mut after = home();
    read.bring_back(&mut after, Path::new("state.toml"))
        .unwrap();
    assert_eq!(after.screen, Screen::Topics);
    assert_eq!(
        (after.topics.open, after.topics.scroll),
        (before.topics.open, before.topics.scroll),
        "the same topic, scrolled the same"
    );
    assert_eq!(after.saved.bookmarks, before.saved.bookmarks);
    assert_eq!(after.compare.chosen, before.compare.chosen);
    assert_ne!(after.compare.chosen, home().compare.chosen);
    // Home is one Back away.
    act(&mut after, &[Action::Back, Action::Back]);
    assert_eq!(after.screen, Screen::Home);
}

#[test]
fn a_question_and_a_comparison_come_back_too() {
    let (c, _) = pack();
    for keys in [
        vec![Action::Show(Screen::Questions), Action::Down, Action::Down],
        vec![Action::Show(Screen::Compare), Action::Down, Action::Right],
    ] {
        let mut a = home();
        act(&mut a, &keys);
        let text = StateFile::of(&a).to_toml();
        let mut b = home();
        StateFile::parse(&text, Path::new("s"))
            .unwrap()
            .bring_back(&mut b, Path::new("s"))
            .unwrap();
        assert_eq!(b.screen, a.screen, "{text}");
        assert_eq!(b.questions.walk.current(), a.questions.walk.current());
        assert_eq!(
            (b.questions.choice, b.compare.row, b.compare.col),
            (a.questions.choice, a.compare.row, a.compare.col),
            "{text}"
        );
        assert!(c.meta.content_version.len() > 1);
    }
}

#[test]
fn ids_the_content_no_longer_has_are_dropped_silently() {
    let v = &pack().0.meta.content_version;
    let text = format!(
        "format = 1\ncontent_version = \"{v}\"\n\n[last]\nscreen = \"topic\"\ntopic = \"gone\"\n\n\
         [[compare]]\nset = \"gone\"\nhidden = [\"x\"]\n\n[[bookmarks]]\ntopic = \"gone\"\n\n\
         [[bookmarks]]\nquestion = \"is-ketamine-right\"\n"
    );
    let file = StateFile::parse(&text, Path::new("s")).unwrap();
    let mut a = home();
    file.bring_back(&mut a, Path::new("s")).unwrap();
    assert_eq!(a.screen, Screen::Home);
    assert_eq!(a.saved.last, None);
    assert_eq!(a.saved.bookmarks.len(), 1);
    // A section that is gone: the topic from its start.
    let text = format!(
        "format = 1\ncontent_version = \"{v}\"\n[last]\nscreen = \"topic\"\n\
         topic = \"ssri-side-effects\"\nsection = \"gone\"\noffset = 40\n"
    );
    let mut a = home();
    StateFile::parse(&text, Path::new("s"))
        .unwrap()
        .bring_back(&mut a, Path::new("s"))
        .unwrap();
    assert_eq!((a.screen, a.topics.scroll), (Screen::Topics, 0));
}

#[test]
fn a_file_of_other_content_another_layout_or_no_sense_is_refused() {
    let p = Path::new("/home/r/.local/state/moodguide/state.toml");
    let mut file = StateFile::of(&session());
    file.content_version = "1999.1".into();
    let mut a = home();
    let e = file.bring_back(&mut a, p).unwrap_err();
    assert!(matches!(e, StateError::OtherVersion { .. }));
    assert_eq!(
        (a.screen, a.saved.clone()),
        (
            Screen::Home,
            Saved {
                on: true,
                ..Saved::default()
            }
        ),
        "nothing brought back"
    );
    let note = e.to_string();
    assert!(
        note.contains("1999.1") && note.contains(&p.display().to_string()),
        "{note}"
    );
    assert!(!note.contains('\n'), "one line: {note}");
    for (text, want) in [
        ("format = 2\ncontent_version = \"x\"\n", "layout 2"),
        ("format = 1\n", "not a file this guide wrote"),
        ("[last\n", "not a file this guide wrote"),
        (
            "format = 1\ncontent_version = \"x\"\n[last]\nscreen = \"summary\"\n",
            "not a file this guide wrote",
        ),
    ] {
        let e = StateFile::parse(text, p).unwrap_err().to_string();
        assert!(e.contains(want) && !e.contains('\n'), "{text:?}: {e}");
    }
}

#[test]
fn the_store_writes_atomically_and_privately_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::in_dir(&dir.path().join("new").join("moodguide"));
    assert_eq!(store.load().unwrap(), None, "no file yet: a first session");
    let file = StateFile::of(&session());
    store.save(&file).unwrap();
    assert_eq!(store.load().unwrap(), Some(file.clone()));
    // Written again over the old one, and nothing else left in the directory.
    store.save(&StateFile::of(&home())).unwrap();
    let names: Vec<_> = std::fs::read_dir(store.path().parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, [std::ffi::OsString::from(store::FILE)]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode(store.path()), 0o600);
        assert_eq!(mode(store.path().parent().unwrap()), 0o700);
    }
    std::fs::write(store.path(), b"\xff\xfe not text").unwrap();
    assert!(matches!(store.load(), Err(StateError::Malformed { .. })));
}

#[test]
fn a_keeper_notes_problems_instead_of_failing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(store::FILE), "format = \"one\"").unwrap();
    let mut k = Keeper::open(Store::in_dir(dir.path()));
    assert!(!k.has_anything());
    let mut a = home();
    a.saved.on = false;
    k.bring_back(&mut a);
    assert!(a.saved.on, "keeping is on even when the old file was bad");
    assert_eq!(k.notes.len(), 1, "{:?}", k.notes);
    // Replaced, since it made no sense.
    k.keep(&a);
    let text = std::fs::read_to_string(dir.path().join(store::FILE)).unwrap();
    assert!(text.contains("format = 1"), "{text}");
    // A newer guide's layout is left alone.
    let newer = "format = 2\ncontent_version = \"9\"\n";
    std::fs::write(dir.path().join(store::FILE), newer).unwrap();
    let mut k = Keeper::open(Store::in_dir(dir.path()));
    k.bring_back(&mut a);
    k.keep(&a);
    let kept = std::fs::read_to_string(dir.path().join(store::FILE)).unwrap();
    assert_eq!(kept, newer);
    assert!(k.notes[0].contains("left as it is"), "{:?}", k.notes);
    // The temporary file cannot be made (a directory has its name): no half-written file, the
    // old one as it was, and a note.
    let other = tempfile::tempdir().unwrap();
    let store = Store::in_dir(other.path());
    store.save(&StateFile::of(&a)).unwrap();
    let before = std::fs::read_to_string(store.path()).unwrap();
    let tmp = format!(".{}.{}.tmp", store::FILE, std::process::id());
    std::fs::create_dir(other.path().join(tmp)).unwrap();
    let mut k = Keeper::open(store.clone());
    act(&mut a, &[Action::Show(Screen::Questions)]);
    k.keep(&a);
    assert!(
        k.notes.iter().any(|n| n.contains("could not save")),
        "{:?}",
        k.notes
    );
    assert_eq!(std::fs::read_to_string(store.path()).unwrap(), before);
}
