"""Reading HTML forms the way a browser would: enough to fill any page's form without knowing
its fields in advance, so the proofs keep working as the pages change."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)
    required: set[str] = field(default_factory=set)
    kinds: dict[str, str] = field(default_factory=dict)
    options: dict[str, list[str]] = field(default_factory=dict)


class _FormParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._form = Form(action=a.get("action", ""), method=a.get("method", "get").lower())
            self.forms.append(self._form)
            return
        form = self._form
        if form is None:
            return
        name = a.get("name")
        if tag == "input" and name:
            kind = a.get("type", "text").lower()
            form.kinds.setdefault(name, kind)
            if kind in {"checkbox", "radio"}:
                form.options.setdefault(name, []).append(a.get("value", "on"))
                if "checked" in a:
                    form.fields[name] = a.get("value", "on")
            elif kind not in {"submit", "button", "image", "reset", "file"}:
                form.fields[name] = a.get("value", "")
            if "required" in a:
                form.required.add(name)
        elif tag == "textarea" and name:
            form.kinds[name] = "textarea"
            form.fields[name] = ""
            self._textarea = name
            if "required" in a:
                form.required.add(name)
        elif tag == "select" and name:
            form.kinds[name] = "select"
            self._select = name
            form.options[name] = []
            if "required" in a:
                form.required.add(name)
        elif tag == "option" and self._select:
            value = a.get("value", "")
            form.options[self._select].append(value)
            if "selected" in a or self._select not in form.fields:
                form.fields[self._select] = value

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data: str) -> None:
        if self._form is not None and self._textarea:
            self._form.fields[self._textarea] += data


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def find_form(html: str, *, containing: str) -> Form:
    """The first form on the page with a field named `containing`."""
    for form in parse_forms(html):
        if containing in form.fields or containing in form.kinds:
            return form
    raise AssertionError(f"no form with a field {containing!r} on the page")


def fill(form: Form, values: dict[str, str], *, filler: str = "Sam") -> dict[str, str]:
    """The form's data as a browser would send it after a person typed `values` and answered
    every other required question plainly: checkboxes ticked, the first real option chosen."""
    data = dict(form.fields)
    for name in form.required:
        if data.get(name):
            continue
        kind = form.kinds.get(name, "text")
        if kind in {"checkbox", "radio"}:
            data[name] = form.options.get(name, ["on"])[0]
        elif kind == "select":
            choices = [o for o in form.options.get(name, []) if o]
            data[name] = choices[0] if choices else ""
        elif kind == "email":
            data[name] = "filler@example.org"
        elif kind == "number":
            data[name] = "1"
        else:
            data[name] = filler
    data.update(values)
    return data
