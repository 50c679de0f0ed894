import NotebookDisplay

/// The page's head: its title and its one style sheet (light and dark by the reader's setting,
/// readable on a phone, printable).
enum PageStyle {
    /// The head of a report titled `title`; unless it shows HTML as written (`trustsHTML`), with a
    /// content security policy that lets the page load nothing but its own `data:` images and run
    /// no script, whatever got past the sanitizer.
    static func head(title: String, trustsHTML: Bool) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        \(trustsHTML ? "" : "<meta http-equiv=\"Content-Security-Policy\" content=\"\(contentSecurityPolicy)\">\n")\
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <meta name="color-scheme" content="light dark">
        <meta name="generator" content="nbrun">
        <title>\(escapeHTML(title))</title>
        <style>
        \(css)</style>
        </head>
        <body>

        """
    }

    /// Nothing from anywhere (`default-src 'none'`), but images from `data:` URLs and the
    /// page's own style; no `<base>`, no form submission.
    static let contentSecurityPolicy = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

    static let css = """
        :root {
          --text: #1f2328; --muted: #59636e; --background: #ffffff; --panel: #f6f8fa; --border: #d1d9e0;
          --accent: #0969da; --error-text: #82071e; --error-panel: #ffebe9; --stderr-panel: #fff8c5;
          --keyword: #cf222e; --type: #8250df; --string: #0a3069; --number: #0550ae; --comment: #59636e;
          --attribute: #953800; --label: #116329;
          --ansi-0: #24292f; --ansi-1: #cf222e; --ansi-2: #116329; --ansi-3: #4d2d00; --ansi-4: #0969da; --ansi-5: #8250df;
          --ansi-6: #1b7c83; --ansi-7: #6e7781; --ansi-8: #57606a; --ansi-9: #a40e26; --ansi-10: #1a7f37; --ansi-11: #633c01;
          --ansi-12: #218bff; --ansi-13: #a475f9; --ansi-14: #3192aa; --ansi-15: #8c959f;
        }
        @media (prefers-color-scheme: dark) {
          :root {
            --text: #e6edf3; --muted: #9198a1; --background: #0d1117; --panel: #151b23; --border: #3d444d;
            --accent: #4493f8; --error-text: #ffc1bc; --error-panel: #3b1219; --stderr-panel: #2e2a12;
            --keyword: #ff7b72; --type: #d2a8ff; --string: #a5d6ff; --number: #79c0ff; --comment: #9198a1;
            --attribute: #ffa657; --label: #7ee787;
            --ansi-0: #8b949e; --ansi-1: #ff7b72; --ansi-2: #3fb950; --ansi-3: #d29922; --ansi-4: #58a6ff; --ansi-5: #bc8cff;
            --ansi-6: #39c5cf; --ansi-7: #b1bac4; --ansi-8: #6e7681; --ansi-9: #ffa198; --ansi-10: #56d364; --ansi-11: #e3b341;
            --ansi-12: #79c0ff; --ansi-13: #d2a8ff; --ansi-14: #56d4dd; --ansi-15: #ffffff;
          }
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--background); color: var(--text);
          font: 16px/1.6 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main, footer { max-width: 56rem; margin: 0 auto; padding: 0 1.25rem; }
        main { padding-top: 1.5rem; }
        a { color: var(--accent); }
        h1, h2, h3, h4 { line-height: 1.25; margin: 1.6em 0 0.6em; position: relative; }
        h1 { font-size: 2rem; margin-top: 0.5em; }
        h2 { font-size: 1.5rem; padding-bottom: 0.2em; border-bottom: 1px solid var(--border); }
        a.anchor { position: absolute; left: -1.1em; width: 1em; text-decoration: none; opacity: 0; }
        a.anchor::before { content: "#"; }
        h1:hover a.anchor, h2:hover a.anchor, h3:hover a.anchor, h4:hover a.anchor, a.anchor:focus { opacity: 0.6; }
        code, pre, kbd { font-family: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
          font-size: 0.875rem; }
        :not(pre) > code { background: var(--panel); padding: 0.1em 0.35em; border-radius: 4px; }
        pre { margin: 0; padding: 0.75rem 1rem; overflow-x: auto; line-height: 1.45; }
        table { border-collapse: collapse; margin: 0.5rem 0; font-size: 0.9rem; font-variant-numeric: tabular-nums; }
        th, td { border: 1px solid var(--border); padding: 0.3rem 0.6rem; text-align: left; }
        thead th { background: var(--panel); }
        .html { overflow-x: auto; }
        img { max-width: 100%; height: auto; }
        blockquote { margin: 0; padding: 0 1em; color: var(--muted); border-left: 0.25em solid var(--border); }
        .cell { margin: 1rem 0; }
        .cell.code { margin: 1.25rem 0; }
        .prompt { font: 0.75rem ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; color: var(--muted); margin-bottom: 0.2rem; }
        .input pre.source { background: var(--panel); border: 1px solid var(--border); border-radius: 6px; }
        .outputs { margin-top: 0.5rem; }
        .outputs.scroll { max-height: 24rem; overflow-y: auto; }
        .output { margin: 0.35rem 0; }
        .output > pre { padding: 0.25rem 1rem; }
        .output.stream.stderr > pre { background: var(--stderr-panel); border-radius: 4px; }
        .output.error > pre { background: var(--error-panel); color: var(--error-text); border-radius: 6px; padding: 0.75rem 1rem; }
        .output.error .ename { font-weight: 600; }
        .output.display { overflow-x: auto; }
        .output.display .prompt { display: none; }
        img.chart { display: block; background: #ffffff; border-radius: 6px; }
        progress { vertical-align: middle; }
        details > summary { cursor: pointer; color: var(--muted); font-size: 0.875rem; }
        .banner { background: var(--error-panel); color: var(--error-text); padding: 0.6rem 1rem; border-radius: 6px; }
        nav.toc { border: 1px solid var(--border); border-radius: 6px; padding: 0.5rem 1.25rem; margin: 1rem 0 1.5rem; }
        nav.toc h2 { font-size: 1rem; border: 0; margin: 0.4rem 0; }
        nav.toc ul { list-style: none; padding: 0; margin: 0 0 0.4rem; }
        nav.toc li.level-2 { padding-left: 1.25rem; }
        nav.toc li.level-3 { padding-left: 2.5rem; }
        footer { margin-top: 3rem; padding-bottom: 2rem; border-top: 1px solid var(--border); color: var(--muted); font-size: 0.875rem; }
        nav.pager { display: flex; justify-content: space-between; gap: 1rem; padding: 1rem 0; font-size: 1rem; }
        footer table { font-size: 0.8rem; }
        footer .trust-note, footer .run-warnings { color: var(--error-text); background: var(--error-panel); padding: 0.5rem 0.75rem; border-radius: 6px; }
        footer .run-warnings { padding-left: 2rem; }
        .remote-image-note { color: var(--muted); }
        .k { color: var(--keyword); } .nc { color: var(--type); } .s { color: var(--string); } .m { color: var(--number); }
        .c, .cd { color: var(--comment); font-style: italic; } .nd, .cp { color: var(--attribute); } .na { color: var(--label); }
        .ansi-bold { font-weight: 700; } .ansi-italic { font-style: italic; } .ansi-underline { text-decoration: underline; }
        .ansi-fg-0 { color: var(--ansi-0); } .ansi-fg-1 { color: var(--ansi-1); } .ansi-fg-2 { color: var(--ansi-2); }
        .ansi-fg-3 { color: var(--ansi-3); } .ansi-fg-4 { color: var(--ansi-4); } .ansi-fg-5 { color: var(--ansi-5); }
        .ansi-fg-6 { color: var(--ansi-6); } .ansi-fg-7 { color: var(--ansi-7); } .ansi-fg-8 { color: var(--ansi-8); }
        .ansi-fg-9 { color: var(--ansi-9); } .ansi-fg-10 { color: var(--ansi-10); } .ansi-fg-11 { color: var(--ansi-11); }
        .ansi-fg-12 { color: var(--ansi-12); } .ansi-fg-13 { color: var(--ansi-13); } .ansi-fg-14 { color: var(--ansi-14); }
        .ansi-fg-15 { color: var(--ansi-15); }
        .ansi-bg-0 { background: var(--ansi-0); } .ansi-bg-1 { background: var(--ansi-1); } .ansi-bg-2 { background: var(--ansi-2); }
        .ansi-bg-3 { background: var(--ansi-3); } .ansi-bg-4 { background: var(--ansi-4); } .ansi-bg-5 { background: var(--ansi-5); }
        .ansi-bg-6 { background: var(--ansi-6); } .ansi-bg-7 { background: var(--ansi-7); } .ansi-bg-8 { background: var(--ansi-8); }
        .ansi-bg-9 { background: var(--ansi-9); } .ansi-bg-10 { background: var(--ansi-10); } .ansi-bg-11 { background: var(--ansi-11); }
        .ansi-bg-12 { background: var(--ansi-12); } .ansi-bg-13 { background: var(--ansi-13); } .ansi-bg-14 { background: var(--ansi-14); }
        .ansi-bg-15 { background: var(--ansi-15); }
        ul.course { list-style: none; padding: 0; }
        ul.course li { border: 1px solid var(--border); border-radius: 6px; padding: 0.75rem 1rem; margin: 0.75rem 0; }
        ul.course li a { font-size: 1.15rem; font-weight: 600; }
        ul.course li p { margin: 0.3rem 0 0; }
        ul.course .facts { color: var(--muted); font-size: 0.8rem; }
        @media (max-width: 40rem) {
          body { font-size: 15px; }
          main, footer { padding: 0 0.75rem; }
          pre { padding: 0.5rem 0.6rem; }
          h1 { font-size: 1.6rem; }
          a.anchor { display: none; }
        }
        @media print {
          body { background: #ffffff; color: #000000; font-size: 11pt; }
          main, footer { max-width: none; }
          pre { white-space: pre-wrap; word-break: break-word; overflow: visible; }
          .cell, .output, img { break-inside: avoid; }
          details > summary { display: none; }
          details { display: block; }
          details > *:not(summary) { display: block; }
          nav.pager, a.anchor { display: none; }
          .outputs.scroll { max-height: none; overflow: visible; }
        }

        """
}
