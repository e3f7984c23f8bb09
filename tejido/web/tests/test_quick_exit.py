"""The quick exit: on every page, first in the tab order, announced with its shortcut, and its
script (tested in Node with a minimal stand-in for the browser) leaves on the button, on Shift
pressed three times or Escape twice, from the very first keystroke."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.urls import reverse

from tejido.network.models import NetworkSettings

pytestmark = pytest.mark.django_db


def find(pattern: str, text: str, group: int = 0) -> str:
    """The first match of `pattern` (dot matches newlines); fails the test if there is none."""
    found = re.search(pattern, text, re.S)
    assert found, f"{pattern!r} not found"
    return found.group(group)


SCRIPT = Path(__file__).resolve().parents[1] / "static" / "tejido" / "quick-exit.js"


@pytest.mark.parametrize("name", ["home", "about", "account_login", "account_signup"])
def test_every_page_has_the_exit_first_in_the_tab_order(client, name):
    network = NetworkSettings.current()
    html = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    body = html[html.index("<body>") :]
    first_focusable = find(r"<(a|button|input|select|textarea)\b[^>]*>", body)
    assert 'id="quick-exit"' in first_focusable
    assert f'href="{network.quick_exit_url}"' in first_focusable
    assert 'rel="noreferrer noopener"' in first_focusable
    link = find(r'<a class="quick-exit".*?</a>', body)
    assert "Quick exit" in link
    # Screen readers hear what it does and the shortcut.
    assert re.search(r'<span class="visually-hidden">[^<]*Shift three times[^<]*Escape twice', link)


def test_member_pages_and_error_pages_have_the_exit(member_client, client):
    for html in (
        member_client.get(reverse("notice_list")).content.decode(),
        client.get("/nothing-here/").content.decode(),
    ):
        assert 'id="quick-exit"' in html


def test_the_script_loads_before_the_page_without_defer(client):
    html = client.get(reverse("home")).content.decode()
    head = html[: html.index("</head>")]
    tag = re.search(r'<script src="/static/tejido/quick-exit.js"[^>]*>', head)
    assert tag, "the quick-exit script must be in <head>"
    assert "defer" not in tag.group(0)
    assert "async" not in tag.group(0)


def test_the_destination_is_the_networks_choice(client):
    network = NetworkSettings.current()
    network.quick_exit_url = "https://weather.example.com/"
    network.save()
    html = client.get(reverse("home")).content.decode()
    assert 'data-exit-url="https://weather.example.com/"' in html
    assert 'href="https://weather.example.com/"' in html


def test_the_script_is_served(client):
    response = client.get("/static/tejido/quick-exit.js")
    text = b"".join(response.streaming_content).decode()
    response.close()
    assert response.status_code == 200
    assert "location.replace" in text


HARNESS = r"""
const fs = require("fs");
const vm = require("vm");
const source = fs.readFileSync(process.argv[1], "utf8");
const steps = JSON.parse(process.argv[2]);
const replaced = [];
const listeners = { window: {}, document: {} };
let clock = 1000;
function target(name) {
  return {
    addEventListener(type, fn, capture) { (listeners[name][type] ||= []).push(fn); },
  };
}
const body = { hidden: false };
const sandbox = {
  window: Object.assign(target("window"), { location: { replace: (u) => replaced.push(u) } }),
  document: Object.assign(target("document"), {
    documentElement: {
      getAttribute: (n) => (n === "data-exit-url" ? "https://exit.example/" : null),
    },
    body, title: "Tejido",
  }),
  Date: { now: () => clock },
};
vm.createContext(sandbox);
vm.runInContext(source, sandbox);
for (const step of steps) {
  if (step.wait) { clock += step.wait; continue; }
  if (step.click) {
    const el = { closest: (sel) => (step.click === sel ? {} : null) };
    for (const fn of listeners.document.click || []) {
      fn({ target: el, button: 0, defaultPrevented: false, preventDefault() {} });
    }
    continue;
  }
  for (const fn of listeners.window.keydown || []) {
    fn({ key: step.key, repeat: !!step.repeat });
  }
  clock += 100;
}
console.log(JSON.stringify({ replaced, hidden: body.hidden }));
"""


def run_script(steps: list[dict]) -> dict:
    node = shutil.which("node")
    if node is None:
        pytest.skip("Node.js is not installed")
    result = subprocess.run(
        [node, "-e", HARNESS, "--", str(SCRIPT), json.dumps(steps)],
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def keys(*names: str) -> list[dict]:
    return [{"key": name} for name in names]


def test_shift_three_times_leaves_from_the_first_keystroke():
    outcome = run_script(keys("Shift", "Shift", "Shift"))
    assert outcome == {"replaced": ["https://exit.example/"], "hidden": True}


def test_escape_twice_leaves():
    assert run_script(keys("Escape", "Escape"))["replaced"] == ["https://exit.example/"]
    assert run_script(keys("Esc", "Esc"))["replaced"] == ["https://exit.example/"]


def test_the_button_leaves_through_the_script():
    assert run_script([{"click": "#quick-exit"}])["replaced"] == ["https://exit.example/"]


@pytest.mark.parametrize(
    "steps",
    [
        keys("Shift", "Shift"),
        keys("Escape"),
        # Typing capitals: other keys between the Shifts.
        keys("Shift", "H", "Shift", "I", "Shift", "J"),
        keys("Shift", "Escape", "Shift", "Escape", "Shift"),
        # Holding Shift down is one press, however long.
        [{"key": "Shift"}, {"key": "Shift", "repeat": True}, {"key": "Shift", "repeat": True}],
        # Too slow: presses more than a moment apart do not add up.
        [{"key": "Shift"}, {"wait": 2000}, {"key": "Shift"}, {"wait": 2000}, {"key": "Shift"}],
        [{"click": "a.other"}],
    ],
)
def test_ordinary_typing_does_not_leave(steps):
    assert run_script(steps)["replaced"] == []
