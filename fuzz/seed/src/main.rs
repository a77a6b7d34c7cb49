//! Writes each fuzz target's seed corpus into `<corpus>/<target>/`, from the repository's models
//! and, when `../shared` is there, the AWS models and the protocol-test suites; without it the
//! corpora are smaller but still made.
//!
//! Usage: `shapegen-fuzz-seed <repository root> <corpus dir>` (see `fuzz/seed.sh`).

use std::collections::BTreeMap;
use std::error::Error;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// Models bigger than this are left out of the model corpus (the fuzzer slows on large inputs).
const MAX_MODEL_BYTES: u64 = 100_000;
/// The most AWS models taken (the smallest first).
const MAX_AWS_MODELS: usize = 40;

/// The operations of `fuzz/models/replies.json`, as `reply_handling` names them.
const OPERATIONS: [&str; 5] = [
    "GetEverything",
    "GetBlobPayload",
    "GetUnionPayload",
    "GetStructurePayload",
    "GetTextPayload",
];

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, root, corpus] = args.as_slice() else {
        eprintln!("usage: shapegen-fuzz-seed <repository root> <corpus dir>");
        std::process::exit(2);
    };
    if let Err(error) = run(Path::new(root), Path::new(corpus)) {
        eprintln!("seed: {error}");
        std::process::exit(1);
    }
}

fn run(root: &Path, corpus: &Path) -> Result<(), Box<dyn Error>> {
    let mut seeds = Seeds::default();
    let shared = root.join("../shared");
    model_seeds(root, &shared, &mut seeds)?;
    for i in 0..6u8 {
        // model_mutate: the built-in model `i`, unedited and with a few edits.
        seeds.add("model_mutate", vec![i]);
        seeds.add("model_mutate", vec![i, 7, 3, 9, 0x41, 5, 1, 8]);
        seeds.add("model_mutate", vec![i, 1, 2, 11, 4, 0, 200, 6, 9, 17]);
    }
    let replies = hand_written_replies();
    let suite = shared.join("protocol-tests/aws-protocol-tests.json");
    let cases = if suite.exists() {
        protocol_test_cases(&suite)?
    } else {
        eprintln!(
            "seed: {} is missing; no compliance-suite seeds",
            suite.display()
        );
        Vec::new()
    };
    for (i, reply) in replies.iter().chain(&cases).enumerate() {
        let text = reply.encode(OPERATIONS[i % OPERATIONS.len()]);
        seeds.add("error_code", text.clone());
        seeds.add("headers_timestamps", text.clone());
        seeds.add("reply_handling", text);
        if !reply.body.is_empty() {
            seeds.add("json_reader", reply.body.clone());
        }
    }
    for (target, count) in seeds.write(corpus)? {
        println!("{target}: {count} seeds");
    }
    Ok(())
}

/// The model files of the repository and the smallest AWS models.
fn model_seeds(root: &Path, shared: &Path, seeds: &mut Seeds) -> Result<(), Box<dyn Error>> {
    for dir in [
        "spec",
        "tests/models",
        "tests/ui/fail/models",
        "fuzz/models",
    ] {
        for path in json_files(&root.join(dir))? {
            let bytes = fs::read(&path)?;
            seeds.add("json_reader", bytes.clone());
            seeds.add("model_pipeline", bytes);
        }
    }
    let aws = shared.join("models/aws");
    if !aws.exists() {
        eprintln!("seed: {} is missing; no AWS model seeds", aws.display());
        return Ok(());
    }
    let mut sized = Vec::new();
    for path in json_files(&aws)? {
        let size = fs::metadata(&path)?.len();
        if size <= MAX_MODEL_BYTES {
            sized.push((size, path));
        }
    }
    sized.sort();
    for (_, path) in sized.into_iter().take(MAX_AWS_MODELS) {
        seeds.add("model_pipeline", fs::read(&path)?);
    }
    Ok(())
}

fn json_files(dir: &Path) -> Result<Vec<PathBuf>, Box<dyn Error>> {
    let mut files = Vec::new();
    if dir.exists() {
        for entry in fs::read_dir(dir)? {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "json") {
                files.push(path);
            }
        }
    }
    files.sort();
    Ok(files)
}

/// A reply: what the reply targets decode their input into.
struct Reply {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Reply {
    fn new(status: u16, headers: &[(&str, &str)], body: &str) -> Self {
        Self {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    /// The text form (see the fuzz crate's `reply` module).
    fn encode(&self, operation: &str) -> Vec<u8> {
        let mut out = format!("{operation} {}\n", self.status).into_bytes();
        for (name, value) in &self.headers {
            out.extend_from_slice(format!("{name}: {value}\n").as_bytes());
        }
        out.push(b'\n');
        out.extend_from_slice(&self.body);
        out
    }
}

/// Replies as services send them: every binding of `fuzz/models/replies.json`, and errors
/// identified each way.
fn hand_written_replies() -> Vec<Reply> {
    vec![
        Reply::new(
            200,
            &[
                ("x-text", "hello"),
                ("x-encoded", "eyJhIjoxfQ=="),
                ("x-count", "42"),
                ("x-small", "-7"),
                ("x-size", "9007199254740993"),
                ("x-ratio", "NaN"),
                ("x-flag", "true"),
                ("x-colour", "red"),
                ("x-level", "2"),
                ("x-tags", "a, \"b,c\", \"d\\\"e\""),
                ("x-counts", "1, 2,3"),
                ("x-flags", "true,false"),
                ("x-modified", "Tue, 29 Apr 2014 18:30:38 GMT"),
                ("x-created", "2019-12-16T23:48:18.52Z"),
                ("x-expires", "1576540098.52"),
                (
                    "x-dates",
                    "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT",
                ),
                (
                    "x-instants",
                    "2019-12-16T23:48:18Z, 2019-12-16T23:48:18+01:00",
                ),
                ("x-seconds", "1576540098, -1.5"),
                ("x-meta-a", "1"),
                ("x-meta-b", "two"),
                ("x-amzn-requestid", "req-1"),
            ],
            r#"{"Choice":{"Item":{"Name":"n","Size":1,"Data":"aGk=","At":"2019-12-16T23:48:18Z","Choice":{"Nested":{"Number":3}}}},"Data":"AAEC","When":1576540098.5,"whenText":"2019-12-16T23:48:18.123456Z","WhenHttp":"Mon, 16 Dec 2019 23:48:18 GMT","Doc":{"a":[1,2.5,null,true,"s",{"b":{}}]},"Items":[{"Name":"x"}],"Sparse":["a",null],"Blobs":["","AA=="],"Choices":{"k":{"Map":{"a":"b"}},"n":null},"Float":"Infinity","Short":-32768,"BigInt":123456789012345678901234567890,"BigDec":1.5e400,"Level2":7,"Colour2":"blue","Self":{"Value":1,"Children":[{"Value":2,"Children":[]}]}}"#,
        ),
        Reply::new(200, &[], r#"{"Choice":{"Unknown":{"x":1}}}"#),
        Reply::new(200, &[], r#"{"Choice":{"Text":"a","Number":1}}"#),
        Reply::new(200, &[], r#"{"Choice":{"Nothing":{}},"__type":"x"}"#),
        Reply::new(200, &[("content-type", "image/png")], "\u{89}PNG\r\n"),
        Reply::new(
            200,
            &[("x-tags", "a,b")],
            r#"{"Name":"n","Choice":{"List":["a"]}}"#,
        ),
        Reply::new(200, &[("content-type", "text/plain")], "plain text"),
        Reply::new(206, &[], ""),
        Reply::new(
            404,
            &[
                (
                    "x-amzn-errortype",
                    "NotFound:http://internal.amazon.com/coral/",
                ),
                ("x-resource", "thing"),
                ("x-amz-request-id", "req-2"),
            ],
            r#"{"Message":"no such thing","When":"Mon, 16 Dec 2019 23:48:18 GMT","Choice":{"Colour":"green"}}"#,
        ),
        Reply::new(
            503,
            &[("retry-after", "Mon, 16 Dec 2019 23:48:18 GMT")],
            r#"{"__type":"fuzz.replies#Throttled","message":"slow down"}"#,
        ),
        Reply::new(
            503,
            &[("Retry-After", "3")],
            r#"{"code":"Throttled","RetryAfter":1}"#,
        ),
        Reply::new(429, &[], r#"{"errorMessage":"too many"}"#),
        Reply::new(500, &[("content-type", "text/html")], "<html>oops</html>"),
        Reply::new(
            400,
            &[],
            r#"{"__type":"aws.protocoltests#Unknown:extra","Message":3}"#,
        ),
    ]
}

/// Every response case of the protocol-test suites: status, headers and body.
fn protocol_test_cases(suite: &Path) -> Result<Vec<Reply>, Box<dyn Error>> {
    let document: Value = serde_json::from_slice(&fs::read(suite)?)?;
    let mut replies = Vec::new();
    let shapes = document.get("shapes").and_then(Value::as_object);
    for shape in shapes.into_iter().flat_map(|s| s.values()) {
        let traits = shape.get("traits");
        let tests = traits
            .and_then(|t| t.get("smithy.test#httpResponseTests"))
            .and_then(Value::as_array);
        for case in tests.into_iter().flatten() {
            let status = case.get("code").and_then(Value::as_u64).unwrap_or(200);
            let headers = case
                .get("headers")
                .and_then(Value::as_object)
                .map(|h| {
                    h.iter()
                        .filter_map(|(n, v)| Some((n.clone(), v.as_str()?.to_owned())))
                        .collect()
                })
                .unwrap_or_default();
            let body = case.get("body").and_then(Value::as_str).unwrap_or_default();
            replies.push(Reply {
                status: u16::try_from(status).unwrap_or(200),
                headers,
                body: body.as_bytes().to_vec(),
            });
        }
    }
    Ok(replies)
}

/// Seeds by target, without duplicates.
#[derive(Default)]
struct Seeds {
    by_target: BTreeMap<&'static str, Vec<Vec<u8>>>,
}

impl Seeds {
    fn add(&mut self, target: &'static str, bytes: Vec<u8>) {
        let seeds = self.by_target.entry(target).or_default();
        if !seeds.contains(&bytes) {
            seeds.push(bytes);
        }
    }

    /// Writes `<corpus>/<target>/seed-NNNN`; returns the count per target.
    fn write(&self, corpus: &Path) -> Result<Vec<(&'static str, usize)>, Box<dyn Error>> {
        let mut counts = Vec::new();
        for (target, seeds) in &self.by_target {
            let dir = corpus.join(target);
            fs::create_dir_all(&dir)?;
            for (i, bytes) in seeds.iter().enumerate() {
                fs::write(dir.join(format!("seed-{i:04}")), bytes)?;
            }
            counts.push((*target, seeds.len()));
        }
        Ok(counts)
    }
}
