use super::agrees;

const RICH: &str = include_str!("../../../facts/isis-k-moscow-2024.toml");

#[test]
fn the_bundled_facts_read_as_they_come_as_read_whole() {
    for read in [1, 3, 64, 1 << 20] {
        assert!(agrees(RICH, read), "{read}");
    }
}

#[test]
fn records_with_problems_read_as_they_come_as_read_whole() {
    let text = "[[source]]\nid = \"s\"\ntitle = \"T\"\n\n[[actor]]\nid = \"a\"\nname = \"A\"\nsources = [\"nope\"]\n\
        [[actor]]\nid = \"a\"\nnam = \"B\"\n\n[[event]]\nid = \"e\"\ntitle = \"\"\"\n[[event]]\"\"\"\ndate = \"2024-13\"\n\
        [event.attributes]\nk = 1\n[[event]]\nid = \"e2\"\ntitle = \"x\"\ndate = \"2024\"\nkilled = \"lots\"\n\
        [[event.sources]]\nid = \"s\"\nquote = 'q'\n[[relation]]\nkind = \"k\"\nfrom = \"a\"\nto = \"zz\"\r\n";
    for read in [1, 2, 5, 1 << 20] {
        assert!(agrees(text, read), "{read}");
        assert!(agrees(&format!("\u{feff}{text}"), read), "{read}");
    }
}

#[test]
fn documents_that_cannot_be_cut_or_parsed_in_batches_are_left_to_the_whole_reading() {
    let cases = [
        "title = \"x\"\n[[event]]\nid = \"e\"\n",
        "[[event]]\nid = \"e\"\n[[source]]\nid = \"s\"\n[[event]]\nid = \"f\"\n",
        "[[event]]\nid = \"e\"\nid = \"f\"\n",
        "[[event]]\nid = \"e\n",
    ];
    for text in cases {
        assert!(!agrees(text, 3), "{text}");
    }
}
