"""Our kernel against a real Jupyter client (jupyter_client over ZeroMQ)."""
import subprocess
import time

from conftest import KERNEL_BINARY


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
    version = subprocess.run([str(KERNEL_BINARY), "--version"], capture_output=True, text=True, check=True).stdout
    assert version == f"swift-kernel {reply['implementation_version']}\n"


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
    reply = complete(kernel, "print(lea")
    assert reply["status"] == "ok"
    assert {"learningRateSchedule", "learnMore"} <= set(reply["matches"])
    assert (reply["cursor_start"], reply["cursor_end"]) == (6, 9)
    assert "Sequential" in complete(kernel, "Seq")["matches"]
    assert "guard" in complete(kernel, "gua")["matches"]
    # Cursor positions count Unicode code points.
    reply = complete(kernel, "let π = 1; Den")
    assert reply["cursor_start"] == 11 and "Dense" in reply["matches"]


def complete(kernel, code, cursor=None):
    kernel.complete(code, cursor if cursor is not None else len(code))
    return kernel.get_shell_msg(timeout=60)["content"]


def test_member_completion_knows_the_types_of_session_values(kernel):
    content, _ = run(kernel, "let weights = [0.5, 1.5]\nlet net = Sequential { Dense(4, activation: .relu); Dense(1) }")
    assert content["status"] == "ok"
    reply = complete(kernel, "weights.")
    assert {"append", "count", "map"} <= set(reply["matches"])
    assert (reply["cursor_start"], reply["cursor_end"]) == (8, 8)
    reply = complete(kernel, "net.fi")
    assert reply["matches"] == ["fit"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (4, 6)
    types = reply["metadata"]["_jupyter_types_experimental"]
    assert types[0]["text"] == "fit" and types[0]["type"] == "function" and "History" in types[0]["signature"]
    # After a type: its static members, not its instance methods unapplied.
    statics = set(complete(kernel, "Activation.")["matches"])
    assert {"relu", "sigmoid", "tanh"} <= statics and "forward" not in statics
    # An implicit member in argument position: the parameter's type decides.
    assert "relu" in complete(kernel, "Dense(8, activation: .r")["matches"]
    # A value declared earlier in the same cell, and a cursor in the middle of the code.
    code = "let label = \"wine\"\nlabel.upp\nprint(label)"
    reply = complete(kernel, code, cursor=code.index("upp") + 3)
    assert reply["matches"] == ["uppercased"]
    # Cursors count code points, sourcekitd offsets bytes.
    reply = complete(kernel, "let crème = [1]\ncrème.co")
    assert "count" in reply["matches"] and (reply["cursor_start"], reply["cursor_end"]) == (22, 24)


def test_completion_offers_the_standard_library_and_the_cells_own_names(kernel):
    assert "print" in complete(kernel, "prin")["matches"]
    assert "DateFormatter" in complete(kernel, "DateForm")["matches"]   # Foundation, as in every cell
    assert "stride" in complete(kernel, "for i in str")["matches"]
    reply = complete(kernel, "let batchCount = 3\nprint(batchC")
    assert reply["matches"] == ["batchCount"]
    assert reply["metadata"]["_jupyter_types_experimental"][0]["signature"] == "batchCount -> Int"
    # The generated names of the session stay hidden.
    assert not [name for name in complete(kernel, "Cel")["matches"] if name[4:].isdigit()]
    assert not complete(kernel, "__cel")["matches"]


def test_member_completion_of_unknown_values_is_empty(kernel):
    reply = complete(kernel, "notDeclaredAnywhere.")
    assert reply["status"] == "ok" and reply["matches"] == []


def test_user_expressions_are_evaluated_after_the_cell(kernel):
    reply = kernel.execute_interactive(
        "var epochs = 10\nepochs += 5", timeout=60,
        user_expressions={"double": "epochs * 2", "missing": "noSuchName", "void": "print(epochs)",
                          "declares": "let leaked = 1"})["content"]
    assert reply["status"] == "ok"
    expressions = reply["user_expressions"]
    assert expressions["double"] == {"status": "ok", "data": {"text/plain": "30"}, "metadata": {}}
    assert expressions["missing"]["status"] == "error"
    assert expressions["missing"]["ename"] == "CompileError" and "noSuchName" in expressions["missing"]["evalue"]
    assert expressions["void"] == {"status": "ok", "data": {}, "metadata": {}}
    assert expressions["declares"]["status"] == "ok"
    # Expressions leave the session as it was.
    content, _ = run(kernel, "print(leaked)")
    assert content["status"] == "error"


def test_history_pairs_inputs_with_their_results(kernel):
    # Not "6 * ...": jupyter_kernel_test's history search for "6*" shares this history file.
    content, _ = run(kernel, "9 * 6")
    kernel.history(hist_access_type="tail", n=2, output=True)
    entries = kernel.get_shell_msg(timeout=30)["content"]["history"]
    _session, line, (source, output) = entries[-1]
    assert (source, output) == ("9 * 6", "54")
    assert line == content["execution_count"]
    kernel.history(hist_access_type="tail", n=1, output=False)
    assert kernel.get_shell_msg(timeout=30)["content"]["history"][0][2] == "9 * 6"


def test_blank_code_answers_at_once_without_counting(kernel):
    before = kernel.execute_interactive("1", timeout=60)["content"]["execution_count"]
    for code in ("", "  \n"):
        reply = kernel.execute_interactive(code, timeout=60)
        assert reply["content"]["status"] == "ok"
        assert reply["content"]["execution_count"] == before
        assert reply["metadata"]["engine_seconds"] < 0.05   # nothing was compiled
    assert kernel.execute_interactive("// only a comment", timeout=60)["content"]["execution_count"] == before + 1


def test_comm_open_is_answered_with_comm_close(kernel):
    message = kernel.session.msg("comm_open", {"comm_id": "c-1", "target_name": "jupyter.widget", "data": {}})
    kernel.shell_channel.send(message)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        reply = kernel.get_iopub_msg(timeout=30)
        if reply["msg_type"] == "comm_close":
            assert reply["content"]["comm_id"] == "c-1"
            assert reply["parent_header"]["msg_id"] == message["header"]["msg_id"]
            return
    raise AssertionError("no comm_close")


def inspect(kernel, code, cursor=None):
    kernel.inspect(code, cursor if cursor is not None else len(code))
    return kernel.get_shell_msg(timeout=60)["content"]


def test_inspect_resolves_the_symbol_at_the_cursor(kernel):
    content, _ = run(kernel, "/// Doubles a count.\nfunc twice(_ count: Int) -> Int { count * 2 }\n"
                             "let inspectedModel = Sequential { Dense(1) }")
    assert content["status"] == "ok"
    # Right after a call's parenthesis: the function called, with its doc comment.
    reply = inspect(kernel, "inspectedModel.fit(")
    assert reply["found"]
    text = reply["data"]["text/plain"]
    assert text.startswith("@discardableResult func fit(_ x: Tensor, _ y: Tensor")
    assert "Trains the model for a number of epochs" in text
    assert reply["data"]["text/markdown"].startswith("```swift\n@discardableResult func fit(")
    # The standard library, a value's type, a function of an earlier cell.
    assert "Writes the textual representations" in inspect(kernel, "print")["data"]["text/plain"]
    assert inspect(kernel, "inspectedModel", cursor=3)["data"]["text/plain"] == "let inspectedModel: Sequential"
    text = inspect(kernel, "twice(2)", cursor=2)["data"]["text/plain"]
    assert text.startswith("func twice(_ count: Int) -> Int") and "Doubles a count." in text
    assert not inspect(kernel, "   ")["found"]


def test_a_question_mark_pages_the_documentation(kernel):
    for code in ("?Sequential", "Sequential.fit?", "  ?print\n"):
        content, outputs = run(kernel, code)
        assert content["status"] == "ok"
        [page] = content["payload"]
        assert page["source"] == "page" and page["start"] == 0
        assert "text/plain" in page["data"] and "text/markdown" in page["data"]
    assert "Trains the model" in run(kernel, "Sequential.fit?")[0]["payload"][0]["data"]["text/plain"]
    content, outputs = run(kernel, "?noSuchThing")
    assert content["payload"] == []
    assert [m["content"]["text"] for m in outputs if m["msg_type"] == "stream"] == ["No documentation found for `noSuchThing`.\n"]
    # Optional chaining is Swift, not a help request.
    assert run(kernel, "let maybe: [Int]? = [1]\nmaybe?.count")[0]["payload"] == []


def test_percent_commands_complete_and_inspect(kernel):
    reply = complete(kernel, "%ti")
    assert reply["matches"] == ["%time", "%timeit"]
    assert (reply["cursor_start"], reply["cursor_end"]) == (0, 3)
    details = reply["metadata"]["_jupyter_types_experimental"]
    assert [(d["text"], d["type"], d["signature"]) for d in details][1] == ("%timeit", "magic", "%timeit EXPRESSION")
    # On a later, indented line; after a `%` alone, every command.
    reply = complete(kernel, "let n = 3\n  %wh")
    assert reply["matches"] == ["%who", "%whos"] and reply["cursor_start"] == 12
    assert "%install" in complete(kernel, "%")["matches"]
    assert complete(kernel, "%install-l")["matches"] == ["%install-location"]   # swift-jupyter's names have dashes
    # Swift beside `%` lines still completes through sourcekitd, and so does %timeit's expression.
    assert "count" in complete(kernel, "%time\nlet afterCommand = [1]\nafterCommand.co")["matches"]
    reply = complete(kernel, "%timeit [1, 2].co")
    assert "count" in reply["matches"] and reply["cursor_start"] == 15
    # Inspect on a command shows its help; in %timeit's expression, the Swift symbol.
    reply = inspect(kernel, "%timeit print(1)", cursor=3)
    assert reply["found"] and reply["data"]["text/plain"].startswith("%timeit EXPRESSION\n")
    assert reply["data"]["text/markdown"].startswith("```\n%timeit EXPRESSION\n```")
    assert "Writes the textual representations" in inspect(kernel, "%timeit print(1)", cursor=10)["data"]["text/plain"]
    assert "installed packages stay" in inspect(kernel, "let a = 1\n%reset")["data"]["text/plain"]
    # And IPython's help cells.
    for code in ("%whos?", "?%whos"):
        content, _ = run(kernel, code)
        assert content["payload"][0]["data"]["text/plain"].startswith("%whos\n    Lists the session's variables")


def test_a_crash_after_a_long_cell_restores_its_checkpoint_instead_of_running_it_again(kernel):
    # A value drawn from the system's generator, in a cell long enough (0.5 s) for a checkpoint:
    # running the cell again would draw another value.
    content, outputs = run(kernel, "let systemDraw = Int.random(in: 0..<1_000_000_000)\n"
                                   "Thread.sleep(forTimeInterval: 0.6)\nprint(systemDraw)")
    assert content["status"] == "ok"
    drawn = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
    content, outputs = run(kernel, "let none: [Int] = []\nprint(none[3])")
    assert content["status"] == "error" and content["ename"] == "Crash"
    notices = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream" and m["content"]["name"] == "stderr")
    assert "from its checkpoint" in notices
    _, outputs = run(kernel, "print(systemDraw)")
    assert "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream") == drawn
