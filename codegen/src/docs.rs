//! Smithy documentation (AWS-flavoured HTML fragments) to rustdoc Markdown.
//!
//! A small tokenizer splits the input into text and tags; a renderer turns the tokens into
//! lines (one per paragraph or list item, blank lines between blocks) and escapes text so
//! rustdoc sees no intra-doc links, HTML tags, bare URLs or accidental block syntax.

use std::mem;

/// Converts a Smithy documentation string (an HTML fragment, or plain text) into rustdoc Markdown lines.
pub(crate) fn rustdoc_lines(html: &str) -> Vec<String> {
    let tokens = tokenize(html);
    let plain = tokens.iter().all(|t| matches!(t, Token::Text(_)));
    let mut r = Renderer::default();
    for token in tokens {
        match token {
            Token::Text(text) if plain => {
                for line in text.lines() {
                    if line.trim().is_empty() {
                        r.paragraph_break();
                    } else {
                        r.text(line);
                        r.text(" ");
                    }
                }
            }
            Token::Text(text) => r.text(&text),
            Token::Open(name, attrs, self_closing) => {
                r.open(&name, &attrs);
                if self_closing {
                    r.close(&name);
                }
            }
            Token::Close(name) => r.close(&name),
        }
    }
    r.finish()
}

/// Tag names treated as markup; anything else in angle brackets (`<N>`, `<region>`) is text.
const HTML_TAGS: &str = "a abbr b big blockquote body br caption center cite code dd del dfn div dl \
    dt em fullname h1 h2 h3 h4 h5 h6 hr html i img important ins kbd li mark note ol p pre q s samp \
    small span strike strong sub sup table tbody td tfoot th thead tr tt u ul var wbr";

enum Token {
    /// Text with entities decoded.
    Text(String),
    /// Lower-cased name, attributes (lower-cased names, decoded values), self-closing flag.
    Open(String, Vec<(String, String)>, bool),
    Close(String),
}

fn tokenize(input: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut text = String::new();
    let mut rest = input;
    while let Some(pos) = rest.find('<') {
        text.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match parse_tag(rest) {
            Some((tag, len)) => {
                if !text.is_empty() {
                    tokens.push(Token::Text(decode_entities(&mem::take(&mut text))));
                }
                tokens.extend(tag);
                rest = &rest[len..];
            }
            None => {
                text.push('<');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    if !text.is_empty() {
        tokens.push(Token::Text(decode_entities(&text)));
    }
    tokens
}

/// Parses the tag at the start of `s` (which starts with `<`): the token (`None` for a
/// comment) and its length, or `None` if this `<` is just text.
fn parse_tag(s: &str) -> Option<(Option<Token>, usize)> {
    if let Some(body) = s.strip_prefix("<!--") {
        return body.find("-->").map(|end| (None, end + 7));
    }
    let closing = s[1..].starts_with('/');
    let body = &s[1 + usize::from(closing)..];
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric() && c != '-')
        .unwrap_or(body.len());
    let (name, rest) = (body[..name_len].to_ascii_lowercase(), &body[name_len..]);
    let name_ends = rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/');
    if !name_ends || !HTML_TAGS.split_ascii_whitespace().any(|t| t == name) {
        return None;
    }
    // The tag ends at the first `>` outside quotes.
    let mut quote = None;
    let (end, _) = rest.char_indices().find(|&(_, c)| match quote {
        Some(q) => {
            quote = quote.filter(|_| c != q);
            false
        }
        None => {
            quote = Some(c).filter(|c| matches!(c, '"' | '\''));
            c == '>'
        }
    })?;
    let len = s.len() - rest.len() + end + 1;
    if closing {
        return Some((Some(Token::Close(name)), len));
    }
    let (attrs, self_closing) = parse_attrs(&rest[..end]);
    Some((Some(Token::Open(name, attrs, self_closing)), len))
}

/// Parses `key="value" key=value key` pairs; also tells whether the tag ends with `/`.
fn parse_attrs(mut rest: &str) -> (Vec<(String, String)>, bool) {
    let mut attrs = Vec::new();
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if trimmed.is_empty() {
            return (attrs, rest.contains('/'));
        }
        let key_len = trimmed
            .find(|c: char| c.is_ascii_whitespace() || c == '=' || c == '/')
            .unwrap_or(trimmed.len());
        let key = trimmed[..key_len].to_ascii_lowercase();
        rest = trimmed[key_len..].trim_start();
        let mut value = String::new();
        if let Some(v) = rest.strip_prefix('=').map(str::trim_start) {
            let (raw, after) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => v[1..].split_once(q).unwrap_or((&v[1..], "")),
                _ => v.split_at(v.find(|c: char| c.is_ascii_whitespace()).unwrap_or(v.len())),
            };
            value = decode_entities(raw);
            rest = after;
        }
        attrs.push((key, value));
    }
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        let (c, len) = entity(rest).unwrap_or(('&', 1));
        out.push(c);
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// Decodes the entity at the start of `s` (which starts with `&`): the character and its length.
fn entity(s: &str) -> Option<(char, usize)> {
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let name = &s[1..semi];
    let c = match name {
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        _ => {
            let num = name.strip_prefix('#')?;
            let (digits, radix) = match num.strip_prefix(['x', 'X']) {
                Some(hex) => (hex, 16),
                None => (num, 10),
            };
            if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
                return None;
            }
            char::from_u32(u32::from_str_radix(digits, radix).ok()?).filter(|&c| c != '\0')?
        }
    };
    Some((c, semi + 1))
}

/// An open inline element; `start` is its offset in the paragraph buffer.
struct Span {
    kind: Kind,
    start: usize,
    /// False when the element cannot be rendered (nested in code or in the same kind).
    active: bool,
}

#[derive(PartialEq)]
enum Kind {
    Bold,
    Italic,
    Code,
    Link(Option<String>),
}

struct List {
    ordered: bool,
    count: usize,
    /// Spaces before this list's markers.
    indent: usize,
    item_open: bool,
    /// Whether the current item's marker line was emitted already.
    marker_done: bool,
}

impl List {
    fn marker(&self) -> String {
        if self.ordered {
            format!("{}. ", self.count.max(1))
        } else {
            "- ".to_owned()
        }
    }
}

#[derive(Default)]
struct Renderer {
    lines: Vec<String>,
    /// Markdown of the current paragraph or list item.
    inline: String,
    spans: Vec<Span>,
    lists: Vec<List>,
    last_was_item: bool,
    /// The last line is a list marker without text, which a block must follow directly.
    bare_marker: bool,
    /// `**Note:** ` etc., put before the next paragraph.
    prefix: Option<&'static str>,
    /// Raw text of an open `<pre>`.
    pre: Option<String>,
    /// Nesting depth of `<fullname>`, whose content is dropped.
    skip: usize,
}

impl Renderer {
    fn open(&mut self, name: &str, attrs: &[(String, String)]) {
        if name == "fullname" {
            self.skip += 1;
        }
        if self.skip > 0 {
            return;
        }
        if let Some(buf) = &mut self.pre {
            if name == "br" {
                buf.push('\n');
            }
            return;
        }
        match name {
            "p" | "div" | "br" | "dd" | "dl" | "blockquote" | "table" | "tr" | "hr" => {
                self.paragraph_break();
            }
            "td" | "th" => self.text(" "),
            "b" | "strong" => self.push_span(Kind::Bold),
            "i" | "em" => self.push_span(Kind::Italic),
            "code" => self.push_span(Kind::Code),
            "a" => {
                let href = attrs.iter().find(|(k, _)| k == "href");
                self.push_span(Kind::Link(href.map(|(_, v)| v.trim().to_owned())));
            }
            "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.paragraph_break();
                self.push_span(Kind::Bold);
            }
            "note" | "important" => {
                self.paragraph_break();
                let label = if name == "note" {
                    "**Note:** "
                } else {
                    "**Important:** "
                };
                if self.lists.is_empty() {
                    self.prefix = Some(label);
                } else {
                    self.inline.push_str(label);
                }
            }
            "ul" | "ol" => {
                self.flush();
                if let Some(label) = self.prefix.take() {
                    self.emit(label.trim_end().to_owned(), false);
                }
                let indent = self.lists.last().map_or(0, |l| l.indent + l.marker().len());
                self.lists.push(List {
                    ordered: name == "ol",
                    count: 0,
                    indent,
                    item_open: false,
                    marker_done: false,
                });
            }
            "li" => {
                self.flush();
                if let Some(list) = self.lists.last_mut() {
                    list.count += 1;
                    list.item_open = true;
                    list.marker_done = false;
                }
            }
            "pre" => {
                self.flush();
                if self.lists.last().is_some_and(|l| !l.marker_done) {
                    // A block needs an item to belong to: start one with a bare marker.
                    self.inline.push(' ');
                    self.flush();
                }
                self.pre = Some(String::new());
            }
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if name == "fullname" {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        if self.pre.is_some() {
            if name == "pre" {
                self.end_pre();
            }
            return;
        }
        match name {
            "p" | "div" | "dd" | "dl" | "blockquote" | "table" | "tr" => self.paragraph_break(),
            "b" | "strong" => self.close_span(&Kind::Bold),
            "i" | "em" => self.close_span(&Kind::Italic),
            "code" => self.close_span(&Kind::Code),
            "a" => self.close_span(&Kind::Link(None)),
            "dt" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.close_span(&Kind::Bold);
                self.paragraph_break();
            }
            "note" | "important" => {
                self.paragraph_break();
                self.prefix = None;
            }
            "li" => {
                self.flush();
                if let Some(list) = self.lists.last_mut() {
                    list.item_open = false;
                }
            }
            "ul" | "ol" => {
                self.flush();
                self.lists.pop();
                self.last_was_item &= !self.lists.is_empty();
            }
            _ => {}
        }
    }

    /// Appends text: whitespace collapsed, escaped unless inside code.
    fn text(&mut self, text: &str) {
        if self.skip > 0 {
            return;
        }
        if let Some(buf) = &mut self.pre {
            buf.push_str(text);
            return;
        }
        let mut s = String::with_capacity(text.len());
        for c in text.chars() {
            if !c.is_ascii_whitespace() {
                s.push(c);
            } else if !s.ends_with(' ') {
                s.push(' ');
            }
        }
        let s = if self.inline.is_empty() || self.inline.ends_with(' ') {
            s.trim_start_matches(' ')
        } else {
            &s
        };
        if self.spans.iter().any(|s| s.kind == Kind::Code) {
            self.inline.push_str(s);
        } else {
            let in_link = self.spans.iter().any(|s| matches!(s.kind, Kind::Link(_)));
            self.inline.push_str(&escape(s, !in_link));
        }
    }

    fn in_item(&self) -> bool {
        self.lists.last().is_some_and(|l| l.item_open)
    }

    /// Ends the paragraph; inside a list item it only separates words.
    fn paragraph_break(&mut self) {
        if self.in_item() {
            if !self.inline.is_empty() && !self.inline.ends_with(' ') {
                self.inline.push(' ');
            }
        } else {
            self.flush();
        }
    }

    fn push_span(&mut self, kind: Kind) {
        let nested = |s: &Span| {
            s.kind == Kind::Code || mem::discriminant(&s.kind) == mem::discriminant(&kind)
        };
        let active = !self.spans.iter().any(|s| s.active && nested(s));
        self.spans.push(Span {
            kind,
            start: self.inline.len(),
            active,
        });
    }

    /// Closes the innermost open element of `kind` and everything opened after it.
    fn close_span(&mut self, kind: &Kind) {
        let same = |s: &Span| mem::discriminant(&s.kind) == mem::discriminant(kind);
        if let Some(pos) = self.spans.iter().rposition(same) {
            while self.spans.len() > pos {
                if let Some(span) = self.spans.pop() {
                    self.finish_span(span);
                }
            }
        }
    }

    fn finish_span(&mut self, span: Span) {
        if !span.active || !self.inline.is_char_boundary(span.start) {
            return;
        }
        let inner = self.inline.split_off(span.start);
        let core = inner.trim_matches(' ');
        let lead = &inner[..inner.len() - inner.trim_start_matches(' ').len()];
        let trail = if core.is_empty() {
            ""
        } else {
            &inner[inner.trim_end_matches(' ').len()..]
        };
        let md = match span.kind {
            Kind::Link(href) => link(core, href.as_deref().unwrap_or_default()),
            _ if core.is_empty() => String::new(),
            Kind::Bold => format!("**{core}**"),
            Kind::Italic => format!("*{core}*"),
            Kind::Code => code_span(core),
        };
        self.inline.push_str(lead);
        self.inline.push_str(&md);
        self.inline.push_str(trail);
    }

    /// Emits the buffered paragraph or list item, closing open inline elements.
    fn flush(&mut self) {
        while let Some(span) = self.spans.pop() {
            self.finish_span(span);
        }
        let inline = mem::take(&mut self.inline);
        let text = escape_line_start(inline.trim());
        if inline.is_empty() || (text.is_empty() && self.lists.last().is_none_or(|l| l.marker_done))
        {
            return;
        }
        let (line, tight, item) = match self.lists.last_mut() {
            Some(list) if !list.marker_done => {
                list.marker_done = true;
                list.count = list.count.max(1);
                let marker = list.marker();
                let line = format!("{}{marker}{text}", " ".repeat(list.indent));
                (line.trim_end().to_owned(), self.last_was_item, true)
            }
            Some(list) => {
                let indent = " ".repeat(list.indent + list.marker().len());
                (format!("{indent}{text}"), false, true)
            }
            None => {
                let prefix = self.prefix.take().unwrap_or_default();
                (format!("{prefix}{text}"), false, false)
            }
        };
        self.bare_marker = item && text.is_empty();
        self.emit(line, tight);
        self.last_was_item = item;
    }

    fn emit(&mut self, line: String, tight: bool) {
        if !tight && !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.push(line);
    }

    /// Emits the buffered `<pre>` text as a fenced block, dedented and trimmed of blank lines.
    fn end_pre(&mut self) {
        let raw = self.pre.take().unwrap_or_default();
        let lines: Vec<&str> = raw.lines().map(str::trim_end).collect();
        let Some(first) = lines.iter().position(|l| !l.is_empty()) else {
            return;
        };
        let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(first);
        let lines = &lines[first..=last];
        let width = |l: &&str| l.len() - l.trim_start_matches([' ', '\t']).len();
        let dedent = lines
            .iter()
            .filter(|l| !l.is_empty())
            .map(width)
            .min()
            .unwrap_or(0);
        let longest = lines.iter().map(|l| longest_run(l, '`')).max().unwrap_or(0);
        let fence = "`".repeat(longest.max(2) + 1);
        let indent = " ".repeat(self.lists.last().map_or(0, |l| l.indent + l.marker().len()));
        self.emit(format!("{indent}{fence}text"), self.bare_marker);
        for line in lines {
            let line = line.get(dedent..).unwrap_or_default();
            self.lines.push(if line.is_empty() {
                String::new()
            } else {
                format!("{indent}{line}")
            });
        }
        self.lines.push(format!("{indent}{fence}"));
        self.last_was_item = false;
    }

    fn finish(mut self) -> Vec<String> {
        if self.pre.is_some() {
            self.end_pre();
        }
        self.flush();
        self.lines
    }
}

fn longest_run(s: &str, c: char) -> usize {
    s.split(|x| x != c).map(str::len).max().unwrap_or(0)
}

fn code_span(code: &str) -> String {
    match longest_run(code, '`') {
        0 => format!("`{code}`"),
        n => {
            let fence = "`".repeat(n + 1);
            format!("{fence} {code} {fence}")
        }
    }
}

/// `[text](url)`, `<url>` for an empty text, or just the text when there is no usable URL.
fn link(text: &str, href: &str) -> String {
    // Targets like `Foo` or `a::b` would be taken for (broken) intra-doc links.
    if !href.contains(['/', '.', '#', '?', '=', '%']) {
        return text.to_owned();
    }
    let mut url = String::with_capacity(href.len());
    for c in href.chars() {
        match c {
            '(' | ')' | '<' | '>' | '`' | '\\' => url.push_str(&format!("%{:02X}", u32::from(c))),
            c if c.is_whitespace() || c.is_control() => url.push_str("%20"),
            c => url.push(c),
        }
    }
    let absolute = url.contains("://") || url.starts_with("mailto:");
    if absolute && (text.is_empty() || text.replace('\\', "") == url) {
        format!("<{url}>")
    } else if text.is_empty() {
        format!("[{}]({url})", escape(href, false))
    } else {
        format!("[{text}]({url})")
    }
}

/// Escapes Markdown syntax in plain text; bare URLs become autolinks when `autolink` is set.
fn escape(text: &str, autolink: bool) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while !rest.is_empty() {
        let (plain, url) = match autolink.then(|| find_url(rest)).flatten() {
            Some((start, end)) => (&rest[..start], Some(&rest[start..end])),
            None => (rest, None),
        };
        for (i, c) in plain.char_indices() {
            match c {
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '[' | ']' | '*' | '_' | '`' | '\\' | '~' => {
                    out.push('\\');
                    out.push(c);
                }
                '&' if entity(&plain[i..]).is_some() => out.push_str("\\&"),
                c => out.push(c),
            }
        }
        rest = &rest[plain.len()..];
        if let Some(url) = url {
            out.push('<');
            out.push_str(url);
            out.push('>');
            rest = &rest[url.len()..];
        }
    }
    out
}

/// Finds the first `http://` or `https://` URL in `s` as a byte range.
fn find_url(s: &str) -> Option<(usize, usize)> {
    for (start, _) in s.match_indices("http") {
        let scheme = ["https://", "http://"]
            .into_iter()
            .find(|p| s[start..].starts_with(p));
        let word_start = !s[..start].ends_with(|c: char| c.is_alphanumeric());
        let (Some(scheme), true) = (scheme, word_start) else {
            continue;
        };
        let len = s[start..]
            .find(|c: char| c.is_whitespace() || "<>\"'`[]{}|\\^".contains(c))
            .unwrap_or(s.len() - start);
        let mut url = &s[start..start + len];
        loop {
            let unbalanced = url.matches(')').count() > url.matches('(').count();
            match url.chars().last() {
                Some('.' | ',' | ';' | ':' | '!' | '?') => url = &url[..url.len() - 1],
                Some(')') if unbalanced => url = &url[..url.len() - 1],
                _ => break,
            }
        }
        if url.len() > scheme.len() {
            return Some((start, start + url.len()));
        }
    }
    None
}

/// Escapes what would make a line a heading, quote, list, rule, fence or setext underline.
fn escape_line_start(line: &str) -> String {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if line.starts_with(['#', '=', '-', '+', '~', '>', '|']) {
        format!("\\{line}")
    } else if digits > 0 && line[digits..].starts_with(['.', ')']) {
        format!("{}\\{}", &line[..digits], &line[digits..])
    } else {
        line.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::rustdoc_lines;

    fn md(html: &str) -> String {
        rustdoc_lines(html).join("\n")
    }

    #[test]
    fn aws_example() {
        let html = r#"<p>Creates up to 100 attendees for an active Amazon Chime SDK meeting. For more information, see <a href="https://docs.aws.amazon.com/chime/latest/dg/meetings-sdk.html">Using the Amazon Chime SDK</a>.</p> <ul><li><p><code>Key</code> - the tag key</p></li></ul> <note><p>Use &lt;b&gt; carefully</p></note>"#;
        let expected = [
            "Creates up to 100 attendees for an active Amazon Chime SDK meeting. For more information, see [Using the Amazon Chime SDK](https://docs.aws.amazon.com/chime/latest/dg/meetings-sdk.html).",
            "",
            "- `Key` - the tag key",
            "",
            "**Note:** Use &lt;b&gt; carefully",
        ];
        assert_eq!(rustdoc_lines(html), expected);
    }

    #[test]
    fn paragraphs_and_whitespace() {
        assert_eq!(md("<p>a</p><p>b</p>"), "a\n\nb");
        assert_eq!(
            md("  <p>\n  one\t two  </p>\n\n<p></p>  <p> three </p> "),
            "one two\n\nthree"
        );
        assert_eq!(md("a<br>b<br/>c<br />"), "a\n\nb\n\nc");
        assert_eq!(md("<div>x</div>y<div><div>z</div></div>"), "x\n\ny\n\nz");
        assert!(rustdoc_lines("").is_empty());
        assert!(rustdoc_lines(" <p> </p> ").is_empty());
    }

    #[test]
    fn plain_text() {
        assert_eq!(
            md("Just text,\nwrapped.\n\n  \nSecond [x]."),
            "Just text, wrapped.\n\nSecond \\[x\\]."
        );
        assert_eq!(
            md("Caption Selector <N> is used"),
            "Caption Selector &lt;N&gt; is used"
        );
    }

    #[test]
    fn code() {
        assert_eq!(md("<p>Use <code>a_b*[c]</code>.</p>"), "Use `a_b*[c]`.");
        assert_eq!(md("<code>a`b</code>"), "`` a`b ``");
        assert_eq!(md("<code>&lt;T&gt; &amp;\n   x</code>"), "`<T> & x`");
        assert_eq!(
            md("<code>arn:<your-region>:<i>id</i></code>"),
            "`arn:<your-region>:id`"
        );
        assert_eq!(md("x <code> </code> y"), "x y");
        assert_eq!(md("<b><code>x</code></b>"), "**`x`**");
    }

    #[test]
    fn pre_blocks() {
        let html =
            "<p>Example:</p><pre><code>\n    {\n      \"a\": [1]\n    }\n</code></pre><p>Done</p>";
        assert_eq!(
            md(html),
            "Example:\n\n```text\n{\n  \"a\": [1]\n}\n```\n\nDone"
        );
        assert_eq!(md("<pre>a ```\nb</pre>"), "````text\na ```\nb\n````");
        assert_eq!(
            md("<ul><li>x<pre>y</pre></li></ul>"),
            "- x\n\n  ```text\n  y\n  ```"
        );
        assert_eq!(md("<pre>unclosed &lt;"), "```text\nunclosed <\n```");
        assert_eq!(
            md("<ol><li><pre>x</pre></li></ol>"),
            "1.\n   ```text\n   x\n   ```"
        );
    }

    #[test]
    fn links() {
        let a = |h: &str| md(&format!("<a href=\"{h}\">T</a>"));
        assert_eq!(a("https://x.com/a"), "[T](https://x.com/a)");
        assert_eq!(
            a(" https://x.com/a b(c) "),
            "[T](https://x.com/a%20b%28c%29)"
        );
        assert_eq!(
            a("https://x.com/?a=1&amp;b=2"),
            "[T](https://x.com/?a=1&b=2)"
        );
        assert_eq!(
            a("/streams/latest/dev/x.html"),
            "[T](/streams/latest/dev/x.html)"
        );
        assert_eq!(a("SomeType"), "T");
        assert_eq!(md("<a href='https://x.com'></a>"), "<https://x.com>");
        assert_eq!(
            md("<a href=https://x.com>https://x.com</a>"),
            "<https://x.com>"
        );
        assert_eq!(md("<a name=\"x\">T</a>"), "T");
        assert_eq!(md("<a href=https://x.com/>T</a>"), "[T](https://x.com/)");
        assert_eq!(
            md("<a title='a>b' HREF = \"https://x.com/?q=>\" />"),
            "<https://x.com/?q=%3E>"
        );
        assert_eq!(
            md("<a href=\"https://x.com>T</a>"),
            "&lt;a href=\"<https://x.com>&gt;T"
        );
        assert_eq!(
            md("<a href=\"https://x.com\"><code>T</code> [1]</a>"),
            "[`T` \\[1\\]](https://x.com)"
        );
        assert_eq!(
            md("<a href=\"https://a.com\">x <a href=\"https://b.com\">y</a></a>"),
            "[x y](https://a.com)"
        );
    }

    #[test]
    fn emphasis() {
        assert_eq!(
            md("<b>bold</b> <strong>strong</strong>"),
            "**bold** **strong**"
        );
        assert_eq!(md("<i>it</i> <em>em</em>"), "*it* *em*");
        assert_eq!(md("a <b> </b> b<i></i>c"), "a bc");
        assert_eq!(md("a<b> x </b>b"), "a **x** b");
        assert_eq!(md("<b>x <b>y</b></b>"), "**x y**");
        assert_eq!(md("<b>open"), "**open**");
        assert_eq!(md("x</b></i></code></a>y"), "xy");
    }

    #[test]
    fn lists() {
        assert_eq!(
            md("<p>A:</p><ul><li><p>one</p></li><li>two</li></ul><p>B</p>"),
            "A:\n\n- one\n- two\n\nB"
        );
        assert_eq!(md("<ol><li>a</li><li>b</li></ol>"), "1. a\n2. b");
        assert_eq!(md("<ul><li><p>x</p><p>y</p></li></ul>"), "- x y");
        let nested = "<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d<ol><li>e</li></ol></li></ul>";
        assert_eq!(md(nested), "- a\n  - b\n    - c\n- d\n  1. e");
        assert_eq!(md("<ol><li>a<ul><li>b</li></ul></li></ol>"), "1. a\n   - b");
        assert_eq!(
            md("<ul><li>a<ul><li>b</li></ul>c</li></ul>"),
            "- a\n  - b\n\n  c"
        );
        assert_eq!(
            md("<ul><li>- x</li><li>1. y</li></ul>"),
            "- \\- x\n- 1\\. y"
        );
        assert_eq!(md("<ul><li>unclosed<li>items"), "- unclosed\n- items");
        assert_eq!(md("<li>stray</li>"), "stray");
    }

    #[test]
    fn admonitions_definitions_headings() {
        assert_eq!(
            md("<important><p>Careful.</p><p>More.</p></important>"),
            "**Important:** Careful.\n\nMore."
        );
        assert_eq!(md("<note>Short</note>"), "**Note:** Short");
        assert_eq!(md("<note><ul><li>x</li></ul></note>"), "**Note:**\n\n- x");
        assert_eq!(md("<ul><li>a <note>b</note></li></ul>"), "- a **Note:** b");
        let dl = "<dl><dt>Term</dt><dd><p>Definition.</p></dd><dt>T2</dt><dd>D2</dd></dl>";
        assert_eq!(md(dl), "**Term**\n\nDefinition.\n\n**T2**\n\nD2");
        assert_eq!(
            md("<h1>Title</h1>text<h6>Small</h6>"),
            "**Title**\n\ntext\n\n**Small**"
        );
    }

    #[test]
    fn dropped_and_unknown_tags() {
        assert_eq!(
            md("<fullname>Amazon DynamoDB</fullname>\n<p>Amazon DynamoDB is</p>"),
            "Amazon DynamoDB is"
        );
        assert_eq!(
            md("<span class=\"x\">kept</span> <sup>2</sup> <!-- comment --> x"),
            "kept 2 x"
        );
        assert_eq!(md("<P>Upper <B>case</B></P>"), "Upper **case**");
        let role = "<p>adds <Role schemeIDUri=\"urn:x\" value=\"subtitle\"/>.</p>";
        assert_eq!(
            md(role),
            "adds &lt;Role schemeIDUri=\"urn:x\" value=\"subtitle\"/&gt;."
        );
        assert_eq!(md("<code_name>x"), "&lt;code\\_name&gt;x");
    }

    #[test]
    fn entities() {
        assert_eq!(md("&lt;&gt;&amp;&quot;&apos;&#39;"), "&lt;&gt;&\"''");
        assert_eq!(md("a&nbsp;b &#65;&#x42;&#X43;"), "a\u{a0}b ABC");
        assert_eq!(
            md("&foo; &A &#xZZ; &#0; &#99999999999; & ;"),
            "&foo; &A &#xZZ; &#0; &#99999999999; & ;"
        );
        assert_eq!(md("&amp;lt; &amp;#65;"), "\\&lt; \\&#65;");
    }

    #[test]
    fn escaping() {
        assert_eq!(
            md("[a] <b>x</b> a < b > c"),
            "\\[a\\] **x** a &lt; b &gt; c"
        );
        assert_eq!(md("a*b_c`d\\e~f"), "a\\*b\\_c\\`d\\\\e\\~f");
        for (input, out) in [
            ("# h", "\\# h"),
            ("&gt; q", "&gt; q"),
            ("= x", "\\= x"),
            ("- x", "\\- x"),
            ("+ x", "\\+ x"),
            ("1. x", "1\\. x"),
            ("12) x", "12\\) x"),
            ("<p>       indented</p>", "indented"),
            ("2024 was", "2024 was"),
        ] {
            assert_eq!(md(input), out, "{input}");
        }
    }

    #[test]
    fn bare_urls() {
        assert_eq!(md("See https://a.com/x_y."), "See <https://a.com/x_y>.");
        assert_eq!(
            md("(http://a.com/b_(c)), next"),
            "(<http://a.com/b_(c)>), next"
        );
        assert_eq!(
            md("xhttps://a.com https:// end"),
            "xhttps://a.com https://.end".replace(".end", " end")
        );
        assert_eq!(md("<code>https://a.com</code>"), "`https://a.com`");
    }

    /// Checks the invariants every output must satisfy.
    fn check(input: &str, lines: &[String]) {
        assert!(lines.first().is_none_or(|l| !l.is_empty()), "{input:?}");
        assert!(lines.last().is_none_or(|l| !l.is_empty()), "{input:?}");
        let (mut fence, mut list, mut blank) = (false, false, false);
        for line in lines {
            assert!(fence || !(blank && line.is_empty()), "{input:?}");
            blank = line.is_empty();
            let trimmed = line.trim_start();
            let ticks = trimmed.len() - trimmed.trim_start_matches('`').len();
            if ticks >= 3 && !trimmed[ticks..].contains('`') {
                fence = !fence;
            }
            let number = trimmed
                .split_once('.')
                .is_some_and(|(n, _)| n.parse::<u32>().is_ok());
            let marker = number && (trimmed.contains(". ") || trimmed.ends_with('.'));
            let item = trimmed.starts_with("- ") || trimmed == "-" || marker;
            // Indented lines belong to list items: nested items, continuations, fences.
            list = item || (list && (line.is_empty() || line.starts_with(' ')));
            assert!(
                fence || list || !line.starts_with(' '),
                "{input:?}: {line:?}"
            );
            assert!(
                fence || !trimmed.starts_with(['#', '>', '=', '+']),
                "{input:?}: {line:?}"
            );
        }
    }

    #[test]
    fn never_panics() {
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<ul>",
            "</ul>",
            "<ol>",
            "</ol>",
            "<li>",
            "</li>",
            "<code>",
            "</code>",
            "<pre>",
            "</pre>",
            "<a href=\"https://x.com/a b\">",
            "<a href='",
            "</a>",
            "<b>",
            "</b>",
            "<i>",
            "</em>",
            "<note>",
            "</note>",
            "<important>",
            "<dl>",
            "<dt>",
            "<dd>",
            "<h2>",
            "</h2>",
            "<fullname>",
            "</fullname>",
            "<br/>",
            "<div>",
            "<span",
            "<",
            ">",
            "</",
            "<!--",
            "-->",
            "&",
            "&lt;",
            "&#x1F600;",
            "&#",
            ";",
            "text",
            " ",
            "\n",
            "\t",
            "é",
            "ü€",
            "[",
            "]",
            "*",
            "_",
            "`",
            "# ",
            "- ",
            "1. ",
            "https://a.com/x",
            "\"",
            "'",
            "=",
            "/>",
            "<code>`",
            "\u{a0}",
            "    ",
        ];
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..5000 {
            let len = next() % 40;
            let input: String = (0..len)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            let lines = rustdoc_lines(&input);
            check(&input, &lines);
            // Byte soup: every prefix of the input, cut at char boundaries.
            let cut = (next() as usize) % (input.len() + 1);
            if input.is_char_boundary(cut) {
                check(&input[..cut], &rustdoc_lines(&input[..cut]));
            }
        }
    }
}
