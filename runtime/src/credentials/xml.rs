//! Just enough XML for STS replies (awsQuery): the text of each leaf element by its path of
//! local names, read with `quick-xml`. Errors carry the byte position only, since a malformed
//! reply may hold a secret next to the fault.

use std::collections::HashMap;
use std::fmt;

use quick_xml::events::Event;

/// The texts of an XML document's leaf elements, by path (`Root/Child/Leaf`, namespace
/// prefixes dropped). When a path repeats, the first element's text is kept.
#[derive(Debug, Default)]
pub(crate) struct XmlTexts {
    root: Option<String>,
    texts: HashMap<String, String>,
}

/// A document that is not well-formed XML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct XmlError {
    position: u64,
}

impl fmt::Display for XmlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not well-formed XML (at byte {})", self.position)
    }
}

/// Deepest nesting read; STS replies are four levels deep.
const MAX_DEPTH: usize = 32;

/// An element being read: its name, its text so far, whether it has child elements.
struct Open {
    name: String,
    text: String,
    has_children: bool,
}

impl XmlTexts {
    /// Reads `body`.
    pub(crate) fn parse(body: &[u8]) -> Result<Self, XmlError> {
        let text = std::str::from_utf8(body).map_err(|error| XmlError {
            position: error.valid_up_to() as u64,
        })?;
        let mut reader = quick_xml::Reader::from_str(text);
        let mut document = Self::default();
        let mut stack: Vec<Open> = Vec::new();
        loop {
            let at = reader.buffer_position();
            let fail = |position: u64| XmlError { position };
            let event = reader
                .read_event()
                .map_err(|_| fail(reader.error_position()))?;
            match event {
                Event::Start(start) => {
                    if stack.len() >= MAX_DEPTH {
                        return Err(fail(at));
                    }
                    let name = local_name(start.local_name().into_inner());
                    if let Some(parent) = stack.last_mut() {
                        parent.has_children = true;
                    } else if document.root.is_some() {
                        return Err(fail(at));
                    } else {
                        document.root = Some(name.clone());
                    }
                    stack.push(Open {
                        name,
                        text: String::new(),
                        has_children: false,
                    });
                }
                Event::Empty(empty) => {
                    let name = local_name(empty.local_name().into_inner());
                    match stack.last_mut() {
                        Some(parent) => parent.has_children = true,
                        None if document.root.is_none() => document.root = Some(name.clone()),
                        None => return Err(fail(at)),
                    }
                    let path = path_of(&stack, &name);
                    document.texts.entry(path).or_default();
                }
                Event::End(_) => {
                    let Some(open) = stack.pop() else {
                        return Err(fail(at));
                    };
                    if !open.has_children {
                        let path = path_of(&stack, &open.name);
                        document
                            .texts
                            .entry(path)
                            .or_insert_with(|| open.text.trim().to_owned());
                    }
                }
                Event::Text(text) => match stack.last_mut() {
                    Some(open) => open.text.push_str(&text.xml10_content()),
                    None if text.trim().is_empty() => {}
                    None => return Err(fail(at)),
                },
                Event::CData(data) => match stack.last_mut() {
                    Some(open) => open.text.push_str(&data.xml10_content()),
                    None => return Err(fail(at)),
                },
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(c)) => c.to_string(),
                        Ok(None) => quick_xml::escape::resolve_xml_entity(&reference)
                            .ok_or_else(|| fail(at))?
                            .to_owned(),
                        Err(_) => return Err(fail(at)),
                    };
                    match stack.last_mut() {
                        Some(open) => open.text.push_str(&resolved),
                        None => return Err(fail(at)),
                    }
                }
                Event::Eof => {
                    if !stack.is_empty() || document.root.is_none() {
                        return Err(fail(reader.buffer_position()));
                    }
                    return Ok(document);
                }
                Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_) => {}
            }
        }
    }

    /// The local name of the root element.
    pub(crate) fn root(&self) -> Option<&str> {
        self.root.as_deref()
    }

    /// The trimmed text of the leaf element at `path`.
    pub(crate) fn get(&self, path: &str) -> Option<&str> {
        self.texts.get(path).map(String::as_str)
    }
}

fn local_name(raw: &str) -> String {
    raw.rsplit(':').next().unwrap_or(raw).to_owned()
}

fn path_of(stack: &[Open], leaf: &str) -> String {
    let mut path = String::new();
    for open in stack {
        path.push_str(&open.name);
        path.push('/');
    }
    path.push_str(leaf);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leaf_texts_by_path_with_entities_and_namespaces() {
        let body = br#"<?xml version="1.0"?>
            <a:Root xmlns:a="urn:x"><a:One>x &amp; y &#65;</a:One>
              <Two><Three> <![CDATA[<raw>]]> </Three><Empty/><Three>second</Three></Two>
            </a:Root>"#;
        let texts = XmlTexts::parse(body).unwrap();
        assert_eq!(texts.root(), Some("Root"));
        assert_eq!(texts.get("Root/One"), Some("x & y A"));
        assert_eq!(texts.get("Root/Two/Three"), Some("<raw>"));
        assert_eq!(texts.get("Root/Two/Empty"), Some(""));
        assert_eq!(texts.get("Root/Two"), None);
    }

    #[test]
    fn malformed_documents_are_errors_without_their_text() {
        for body in [
            &b"<A><B>SECRETVALUE</C></A>"[..],
            b"<A><B>SECRETVALUE</B>",
            b"SECRETVALUE",
            b"",
            b"<A>&unknown;</A>",
            b"<A/><B/>",
            b"<A>\xff</A>",
        ] {
            let error = XmlTexts::parse(body).unwrap_err();
            assert!(!error.to_string().contains("SECRET"), "{error}");
        }
    }

    #[test]
    fn nesting_is_bounded() {
        let deep = "<a>".repeat(MAX_DEPTH + 1) + &"</a>".repeat(MAX_DEPTH + 1);
        assert!(XmlTexts::parse(deep.as_bytes()).is_err());
        let fine = "<a>".repeat(MAX_DEPTH) + "x" + &"</a>".repeat(MAX_DEPTH);
        assert!(XmlTexts::parse(fine.as_bytes()).is_ok());
    }
}
