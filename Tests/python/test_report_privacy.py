"""A report makes no request when it is opened: a notebook full of remote images, CSS and SVG
references rendered by nbrun, then opened in headless Chromium with every request intercepted and
every host name mapped to a local listener that counts who calls."""
import http.server
import pathlib
import shutil
import threading

import pytest

from nbrun_support import nbrun, write_notebook

# Each vector names its own host, so a request says which one got through.
REMOTE = [
    "# Remote resources\n\n![pixel](https://markdown-image.example/pixel.png)\n\n"
    '<img src="https://markdown-html.example/i.png"> <p style="background:url(https://markdown-style.example/s.png)">p</p>',
    'HTML(#"<img src="https://html-img.example/p.png" alt="p">'
    '<table background="https://table-background.example/b.png"><tr><td>t</td></tr></table>'
    '<div style="background:u\\72l(https://css-escape.example/c.png)">escaped</div>'
    '<div style="background-image: image-set(\'https://image-set.example/s.png\' 1x)">set</div>'
    '<svg width="10" height="10"><rect width="10" height="10" filter="url(https://svg-filter.example/f.svg#f)"/>'
    '<image href="https://svg-image.example/i.png"/><use href="https://svg-use.example/u.svg#u"/></svg>'
    '<img srcset="https://srcset.example/s.png 1x"><video poster="https://poster.example/p.png"></video>'
    '<link rel="stylesheet" href="https://link.example/x.css"><style>@import url(https://style.example/x.css);</style>'
    '<object data="https://object.example/o"></object><a href="https://link-only.example/" ping="https://ping.example/">a link</a>"#)',
    'Markdown("A chart: ![remote](https://markdown-display.example/m.png)")',
]


class Listener(http.server.BaseHTTPRequestHandler):
    hosts = set()

    def do_GET(self):
        Listener.hosts.add(self.headers.get("Host", "?"))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *arguments):
        pass


@pytest.fixture
def listener():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Listener)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Listener.hosts = set()
    yield server
    server.shutdown()


def hosts_contacted(page_path, listener):
    """The hosts that opening `page_path` contacts (intercepted, or reaching the listener), and
    the console's errors."""
    from playwright.sync_api import sync_playwright
    intercepted, problems = set(), []

    def intercept(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            intercepted.add(url.split("/")[2])
            route.fulfill(status=204)

    port = listener.server_address[1]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"),
                                             args=["--no-sandbox", f"--host-resolver-rules=MAP * 127.0.0.1:{port}"])
        page = browser.new_page()
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.route("**/*", intercept)
        page.goto(pathlib.Path(page_path).as_uri())
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        browser.close()
    return intercepted | Listener.hosts, problems


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    folder = tmp_path_factory.mktemp("privacy")
    notebook = write_notebook(folder / "remote.ipynb", REMOTE)
    for name, options in [("sanitized", []), ("trusted", ["--trust-html"])]:
        result = nbrun(notebook, "--output-dir", folder / name, "--to", "html", "--no-cache", *options)
        assert result.returncode == 0, result.stderr
    return folder


def test_a_report_reaches_no_host(reports, listener):
    page = reports / "sanitized" / "remote.html"
    html = page.read_text()
    assert 'class="remote-image" href="https://markdown-image.example/pixel.png"' in html
    assert 'class="remote-image" href="https://markdown-display.example/m.png"' in html
    assert 'href="https://link-only.example/" rel="noopener noreferrer"' in html
    contacted, problems = hosts_contacted(page, listener)
    assert contacted == set() and problems == [], (contacted, problems)


def test_the_sanitizer_alone_lets_nothing_load(reports, listener):
    """The same report without its content security policy: what the sanitizer kept loads nothing either."""
    html = (reports / "sanitized" / "remote.html").read_text()
    policy = next(line for line in html.splitlines() if "Content-Security-Policy" in line)
    page = reports / "sanitized" / "no-policy.html"
    page.write_text(html.replace(policy + "\n", ""))
    contacted, problems = hosts_contacted(page, listener)
    assert contacted == set() and problems == [], (contacted, problems)


def test_a_trusted_report_loads_what_the_html_asks_and_says_so(reports, listener):
    page = reports / "trusted" / "remote.html"
    assert "--trust-html</code>: the notebook's HTML outputs were not sanitized" in page.read_text()
    contacted, _ = hosts_contacted(page, listener)
    # Markdown is always sanitized; the HTML output is shown as written.
    assert {"html-img.example", "table-background.example", "css-escape.example", "image-set.example",
            "svg-image.example", "poster.example", "object.example"} <= contacted, contacted
    assert not any(host.startswith("markdown") for host in contacted), contacted
    assert len(contacted) >= 8, contacted
