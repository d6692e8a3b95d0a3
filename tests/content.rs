//! The bundled content loads with zero problems, and is complete enough for the guide.

use moodguide::content::load_embedded;

#[test]
fn bundled_content_validates_with_no_problems() {
    match load_embedded() {
        Ok(c) => {
            assert!(c.topics.len() >= 6);
            assert!(c.faq.nodes.len() >= 15);
            assert_eq!(c.sets.len(), 2);
        }
        Err(errors) => {
            let list: Vec<String> = errors.iter().map(ToString::to_string).collect();
            panic!("{} problems:\n{}", list.len(), list.join("\n"));
        }
    }
}
