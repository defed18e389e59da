#!/usr/bin/python3
"""Reads an HTML file and prints what test_html.cpp asserts, one `key value` per line: whether
the tags balance, the counts of SVG charts, shaded days, bars, markers and rows, the shaded dates,
script elements, and any URL that would fetch something (http(s):// in src, href or url())."""
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
FETCHING = re.compile(r"https?://", re.IGNORECASE)


class Checker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []
        self.errors = []
        self.counts = {}
        self.off_dates = []
        self.urls = []

    def count(self, key):
        self.counts[key] = self.counts.get(key, 0) + 1

    def element(self, tag, attrs):
        attributes = dict(attrs)
        classes = (attributes.get("class") or "").split()
        self.count(tag)
        for name in classes:
            self.count(f"{tag}.{name}")
        if tag == "rect" and "off" in classes:
            self.off_dates.append(attributes.get("data-date", "?"))
        for name in ("src", "href", "style"):
            value = attributes.get(name) or ""
            if FETCHING.search(value):
                self.urls.append(value)

    def handle_starttag(self, tag, attrs):
        self.element(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.getpos()))

    def handle_startendtag(self, tag, attrs):
        self.element(tag, attrs)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        if not self.stack or self.stack[-1][0] != tag:
            open_tag = self.stack[-1] if self.stack else ("nothing", (0, 0))
            self.errors.append(f"</{tag}> at {self.getpos()} closes <{open_tag[0]}> of {open_tag[1]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style":
            self.urls += [url for url in re.findall(r"url\(([^)]*)\)", data) if FETCHING.search(url)]


def main():
    with open(sys.argv[1], encoding="utf-8") as handle:
        text = handle.read()
    checker = Checker()
    checker.feed(text)
    checker.close()
    errors = checker.errors + [f"<{tag}> of {pos} never closed" for tag, pos in checker.stack]
    print("balanced", "yes" if not errors else "no")
    for error in errors[:5]:
        print("error", error)
    for key in sorted(checker.counts):
        print("count", key, checker.counts[key])
    print("off_dates", " ".join(checker.off_dates))
    print("fetching_urls", len(checker.urls))


if __name__ == "__main__":
    main()
