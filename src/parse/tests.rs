use super::*;

/// Parses `line` and renders its segments as `scope[msg.call] tool/key: text`.
fn segs(line: &str) -> Result<Vec<String>, String> {
    let mut s = Scratch::new();
    s.with_record(line.as_bytes(), |r| {
        let r = r.map_err(|e| e.to_string())?;
        Ok(r.segments
            .iter()
            .map(|g| {
                let call = if g.call == NO_CALL {
                    "-".to_string()
                } else {
                    g.call.to_string()
                };
                format!(
                    "{}[{}.{}] {}/{}: {}",
                    g.scope.name(),
                    g.message,
                    call,
                    r.text(g.tool),
                    r.text(g.key),
                    r.text(g.text)
                )
            })
            .collect())
    })
}

fn err(line: &str) -> String {
    segs(line).expect_err("line should be malformed")
}

#[test]
fn anthropic_blocks() {
    let line = r#"{"id":"bm-1","model":"m","messages":[{"role":"system","content":"You are Alex."},{"role":"assistant","content":[{"type":"thinking","thinking":"Kyle plans a wipe"},{"type":"text","text":"On it."},{"type":"tool_use","id":"t1","name":"send_email","input":{"to":"kyle@x.com","body":"Cancel the wipe.","cc":["a@x.com","b@y.com"],"priority":2}}]},{"role":"tool","tool_call_id":"t1","content":"Email sent."}]}"#;
    assert_eq!(
        segs(line).unwrap(),
        vec![
            "system[0.-] /: You are Alex.",
            "reasoning[1.-] /: Kyle plans a wipe",
            "outgoing[1.-] /: On it.",
            "tool_name[1.0] send_email/: send_email",
            "tool_args[1.0] send_email/to: kyle@x.com",
            "tool_args[1.0] send_email/body: Cancel the wipe.",
            "tool_args[1.0] send_email/cc: a@x.com",
            "tool_args[1.0] send_email/cc: b@y.com",
            "tool_args[1.0] send_email/priority: 2",
            "tool_result[2.-] /: Email sent.",
        ]
    );
}

#[test]
fn openai_tool_calls_with_text_and_object_arguments() {
    let line = r#"{"id":7,"model":"m","messages":[{"role":"assistant","content":null,"reasoning_content":"hmm","tool_calls":[{"id":"c1","type":"function","function":{"name":"bash","arguments":"{\"command\":\"kill -9 42\",\"n\":[1,true]}"}},{"id":"c2","type":"function","function":{"name":"post","arguments":{"url":"https://paste.example"}}},{"id":"c3","type":"function","function":{"name":"raw","arguments":"not json"}}]},{"role":"tool","tool_call_id":"c1","name":"bash","content":"killed"}]}"#;
    assert_eq!(
        segs(line).unwrap(),
        vec![
            "reasoning[0.-] /: hmm",
            "tool_name[0.0] bash/: bash",
            "tool_args[0.0] bash/command: kill -9 42",
            "tool_args[0.0] bash/n: 1",
            "tool_args[0.0] bash/n: true",
            "command[0.0] bash/shell: kill -9 42",
            "act[0.0] bash/kill: 42",
            "tool_name[0.1] post/: post",
            "tool_args[0.1] post/url: https://paste.example",
            "tool_name[0.2] raw/: raw",
            "tool_args[0.2] raw/arguments: not json",
            "tool_result[1.-] /: killed",
        ]
    );
}

#[test]
fn free_text_agent() {
    let line = r#"{"id":"f","model":"m","messages":[{"role":"assistant","content":"<SCRATCHPAD_REASONING>plan</SCRATCHPAD_REASONING>Sure.\n<tool_use:cancel_alert>\ncode: \"EXEC-4429\"\n</tool_use:cancel_alert>"}]}"#;
    assert_eq!(
        segs(line).unwrap(),
        vec![
            "reasoning[0.-] /: plan",
            "outgoing[0.-] /: Sure.\n",
            "tool_name[0.0] cancel_alert/: cancel_alert",
            "tool_args[0.0] cancel_alert/code: EXEC-4429",
        ]
    );
}

#[test]
fn reasoning_blocks_and_tool_results_in_user_turns() {
    let line = r#"{"id":"r","model":"m","messages":[{"role":"user","content":[{"type":"tool_result","tool_use_id":"t","content":[{"type":"text","text":"secret data"}]}]},{"role":"assistant","content":[{"type":"reasoning","reasoning":"weigh it"}],"reasoning":"more"}]}"#;
    assert_eq!(
        segs(line).unwrap(),
        vec![
            "tool_result[0.-] /: secret data",
            "reasoning[1.-] /: more",
            "reasoning[1.-] /: weigh it",
        ]
    );
}

#[test]
fn duplicate_keys_last_wins() {
    let line = r#"{"id":"a","model":"first","model":"second","messages":[]}"#;
    let mut s = Scratch::new();
    let model = s.with_record(line.as_bytes(), |r| r.map(|r| r.model.to_string()));
    assert_eq!(model.unwrap(), "second");
}

#[test]
fn required_fields_and_types() {
    assert_eq!(
        err(r#"{"model":"m","messages":[]}"#),
        "missing required field `id`"
    );
    assert_eq!(
        err(r#"{"id":1,"messages":[]}"#),
        "missing required field `model`"
    );
    assert_eq!(
        err(r#"{"id":1,"model":"m"}"#),
        "missing required field `messages`"
    );
    assert_eq!(
        err(r#"{"id":1.5,"model":"m","messages":[]}"#),
        "field `id` must be a string or an integer, found a number"
    );
    assert_eq!(
        err(r#"{"id":1,"model":3,"messages":[]}"#),
        "field `model` must be a string, found a number"
    );
    assert_eq!(
        err(r#"{"id":1,"model":"m","messages":{}}"#),
        "field `messages` must be an array, found an object"
    );
    assert_eq!(
        err("[1,2]"),
        "the line is an array, not a JSON object; each line must be one transcript object"
    );
    assert_eq!(
        err(r#"{"id":1,"model":"m","messages":[{"role":"robot","content":"x"}]}"#),
        "messages[0].role is `robot`; expected system, user, assistant or tool"
    );
    assert_eq!(
        err(r#"{"id":1,"model":"m","messages":[{"role":"user","content":5}]}"#),
        "messages[0].content must be a string or an array of blocks, found a number"
    );
}

#[test]
fn invalid_json_says_where() {
    let e = err(r#"{"id":1,"model":"m","messages":[}"#);
    assert!(e.contains("at byte"), "{e}");
    let e = err(r#"{"id":1,"model""#);
    assert!(
        e.contains("invalid JSON") || e.contains("ends early"),
        "{e}"
    );
    let bad = b"{\"id\":1,\"model\":\"\xff\",\"messages\":[]}";
    let mut s = Scratch::new();
    let e = s.with_record(bad, |r| r.err().map(|e| e.reason));
    assert_eq!(e.as_deref(), Some("the line is not valid UTF-8"));
}

#[test]
fn pointer_lookups() {
    let line = r#"{"id":1,"model":"m","epoch":3,"metadata":{"goal/type":"explicit","n":[10,20],"ok":true},"messages":[]}"#;
    let mut s = Scratch::new();
    s.with_record(line.as_bytes(), |r| {
        let r = r.unwrap();
        let get = |p: &str| {
            let mut out = String::new();
            r.lookup(&FieldPath::parse(p).unwrap(), &mut out)
                .then_some(out)
        };
        assert_eq!(get("model").as_deref(), Some("m"));
        assert_eq!(get("epoch").as_deref(), Some("3"));
        assert_eq!(get("/metadata/goal~1type").as_deref(), Some("explicit"));
        assert_eq!(get("/metadata/n/1").as_deref(), Some("20"));
        assert_eq!(get("/metadata/ok").as_deref(), Some("true"));
        assert_eq!(get("/metadata/missing"), None);
        assert_eq!(get("/metadata"), None);
        let both = FieldPath::parse_list("model, epoch").unwrap();
        assert_eq!(both.label(), "model,epoch");
        let mut out = String::new();
        assert!(r.lookup(&both, &mut out));
        assert_eq!(out, "m\u{1f}3");
        assert_eq!(r.epoch, Some(3));
    });
}

#[test]
fn scratch_is_reused_across_records_of_different_sizes() {
    let mut s = Scratch::new();
    let big = format!(
        r#"{{"id":1,"model":"m","messages":[{{"role":"assistant","content":"{}"}}]}}"#,
        "x".repeat(100_000)
    );
    let small = r#"{"id":2,"model":"m","messages":[{"role":"assistant","content":"hi"}]}"#;
    for _ in 0..3 {
        assert_eq!(
            s.with_record(big.as_bytes(), |r| r.unwrap().segments.len()),
            1
        );
        let t = s.with_record(small.as_bytes(), |r| {
            let r = r.unwrap();
            r.text(r.segments[0].text).to_string()
        });
        assert_eq!(t, "hi");
    }
}
