"""Our kernel against a real Jupyter client (jupyter_client over ZeroMQ)."""


def run(kernel, code):
    """Executes code; returns the reply content and the IOPub messages of the request."""
    outputs = []
    reply = kernel.execute_interactive(code, timeout=60, output_hook=outputs.append)
    return reply["content"], outputs


def test_kernel_info(kernel):
    reply = kernel.kernel_info(reply=True, timeout=30)["content"]
    assert reply["status"] == "ok"
    assert reply["language_info"]["name"] == "swift"
    assert reply["language_info"]["file_extension"] == ".swift"
    assert reply["language_info"]["version"].startswith("6.")


def test_print_streams_stdout_and_state_persists(kernel):
    content, _ = run(kernel, "let answer = 41")
    assert content["status"] == "ok"
    content, outputs = run(kernel, "print(answer + 1)")
    assert content["status"] == "ok"
    streams = [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"]
    assert "".join(streams) == "42\n"


def test_execute_replies_carry_the_engines_time(kernel):
    reply = kernel.execute_interactive("_ = 1", timeout=60)
    assert 0 < reply["metadata"]["engine_seconds"] < 60


def test_last_expression_is_an_execute_result(kernel):
    content, outputs = run(kernel, "20 + 22")
    results = [m for m in outputs if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["text/plain"] == "42"
    assert results[0]["content"]["execution_count"] == content["execution_count"]


def test_compile_errors_are_error_replies(kernel):
    content, outputs = run(kernel, "print(missing)")
    assert content["status"] == "error"
    assert content["ename"] == "CompileError"
    assert any(m["msg_type"] == "error" for m in outputs)


def test_charts_are_svg_displays(kernel):
    _, outputs = run(kernel, "plot(Activation.relu)")
    results = [m for m in outputs if m["msg_type"] == "execute_result"]
    assert results[0]["content"]["data"]["image/svg+xml"].startswith("<svg")


def test_busy_and_idle_surround_a_request(kernel):
    msg_id = kernel.execute("1")
    states = []
    while True:
        message = kernel.get_iopub_msg(timeout=60)
        if message["parent_header"].get("msg_id") != msg_id:
            continue
        if message["msg_type"] == "status":
            states.append(message["content"]["execution_state"])
            if states[-1] == "idle":
                break
    assert states == ["busy", "idle"]


def test_readline_is_answered_through_the_stdin_channel(kernel):
    prompts = []

    def answer(message):
        prompts.append(message["content"]["prompt"])
        kernel.input("Ada")

    outputs = []
    reply = kernel.execute_interactive('print("hello,", readLine(prompt: "Name?") ?? "nobody")', timeout=60,
                                       allow_stdin=True, stdin_hook=answer, output_hook=outputs.append)
    assert reply["content"]["status"] == "ok"
    assert prompts == ["Name?"]
    assert "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream") == "hello, Ada\n"


def test_readline_without_stdin_returns_nil(kernel):
    outputs = []
    kernel.execute_interactive('print(readLine() ?? "no input")', timeout=60, allow_stdin=False,
                               output_hook=outputs.append)
    assert "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream") == "no input\n"


def test_is_complete_uses_the_swift_parser(kernel):
    def status(code):
        kernel.is_complete(code)
        return kernel.get_shell_msg(timeout=30)["content"]

    assert status("let x = 1")["status"] == "complete"
    incomplete = status("func f() {")
    assert incomplete["status"] == "incomplete" and incomplete["indent"] == "    "
    assert status("let = 5")["status"] == "invalid"


def test_an_error_aborts_the_cells_queued_behind_it(kernel):
    failing = kernel.execute("print(undefinedName)")
    queued = kernel.execute('print("must not run")')
    replies = {}
    while len(replies) < 2:
        message = kernel.get_shell_msg(timeout=60)
        replies[message["parent_header"]["msg_id"]] = message["content"]["status"]
    assert replies == {failing: "error", queued: "aborted"}


def test_completion_offers_session_names_runtime_api_and_keywords(kernel):
    kernel.execute_interactive("let learningRateSchedule = [0.1, 0.01]\nfunc learnMore() {}", timeout=60)

    def complete(code, cursor=None):
        kernel.complete(code, cursor if cursor is not None else len(code))
        return kernel.get_shell_msg(timeout=30)["content"]

    reply = complete("print(lea")
    assert reply["status"] == "ok"
    assert {"learningRateSchedule", "learnMore"} <= set(reply["matches"])
    assert (reply["cursor_start"], reply["cursor_end"]) == (6, 9)
    assert "Sequential" in complete("Seq")["matches"]
    assert "guard" in complete("gua")["matches"]
    # Cursor positions count Unicode code points.
    reply = complete("let π = 1; Den")
    assert reply["cursor_start"] == 11 and "Dense" in reply["matches"]
