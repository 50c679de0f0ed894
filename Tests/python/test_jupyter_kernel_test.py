"""jupyter_kernel_test's conformance suite against our kernel, with every sample attribute set."""
import jupyter_kernel_test as jkt

import conftest  # noqa: F401  (installs the test kernelspec before the suite starts a kernel)


class SwiftKernelTests(jkt.KernelTests):
    kernel_name = "swift"
    language_name = "swift"
    file_extension = ".swift"

    code_hello_world = 'print("hello, world")'
    code_stderr = 'import Foundation\nFileHandle.standardError.write("error\\n".data(using: .utf8)!)'
    code_generate_error = "struct Failure: Error {}\nthrow Failure()"
    code_execute_result = [{"code": "6 * 7", "result": "42"}, {"code": '"a" + "b"', "result": '"ab"'}]
    code_display_data = [
        {"code": 'display(MIMEBundle(["text/plain": "hi", "text/html": "<b>hi</b>"]))', "mime": "text/html"},
        {"code": "display(plot(Activation.relu))", "mime": "image/svg+xml"},
    ]
    code_clear_output = "clearOutput()"

    completion_samples = [
        {"text": "Seq", "matches": {"Sequence", "Sequential"}},
        {"text": "gua", "matches": {"guard"}},
        {"text": "zi", "matches": {"zip"}},
        {"text": "Activation.sig", "matches": {"sigmoid"}},
    ]
    complete_code_samples = ["let x = 1", "func f() {}", "print(1)"]
    incomplete_code_samples = ["func f() {", "let a = [1,", "print("]
    invalid_code_samples = ["let = 5", "func ) {"]

    code_inspect_sample = "Dense"
    code_page_something = "?Dense"
    code_history_pattern = "6*"
    supported_history_operations = ("tail", "range", "search")
