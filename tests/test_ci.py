"""CI walks the newcomer's path: the README's set-up commands, and no test that needs an extra they lack.

A fresh machine gets ``pip install -e ".[test]"``: the optional extras
(``eval``: jusText, trafilatura; ``dask``; the corpus formats) are not there,
so a test that needs one must skip with a reason rather than error, and
``.ci/run`` must run the README's commands as written, not an install with
more extras. Only after them may it install the corpus formats' extras
(:data:`AFTER_README`) and run those formats' tests again.
"""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib", reason="reads pyproject.toml with Python 3.11's tomllib")

ROOT = Path(__file__).resolve().parents[1]
SETUP_HEADING = "## Set up and run"
AFTER_README = {"warc", "parquet", "datatrove"}
"""The extras ``.ci/run`` may install once the README's commands have run: their tests skip before."""


def readme_setup_commands() -> list[str]:
    """The commands of the README's first shell block under its set-up heading."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index(SETUP_HEADING):]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block, f"no ```sh block under {SETUP_HEADING!r} in README.md"
    return [line for line in block.group(1).splitlines() if line.strip()]


def optional_modules() -> set[str]:
    """The top-level modules the optional extras install (by their distribution names, lowercased)."""
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    names = {re.split(r"[\[<>=!~ ]", requirement)[0].lower().replace("-", "_")
             for extra, requirements in extras.items() if extra != "test" for requirement in requirements}
    return names


def test_ci_runs_the_readme_setup_commands_as_written() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    commands = readme_setup_commands()
    assert len(commands) == 2
    for command in commands:
        assert command in ci, f".ci/run does not run the README's command {command!r}"
    installs = [line for line in ci if "pip install" in line]
    assert installs[0] == commands[0], ".ci/run installs something before the README's command"
    readme_done = max(ci.index(command) for command in commands)
    for line in installs[1:]:
        assert ci.index(line) > readme_done, f"{line!r} runs before the README's commands have run"
        extras = set(re.search(r'"\.\[([^]]*)\]"', line).group(1).split(","))
        assert extras <= AFTER_README, f"{line!r} installs more than the corpus formats' extras"


_BLOCK_EXTRAS = """
import sys
blocked = set(sys.argv[1].split(","))

class Blocked:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in blocked:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)

sys.meta_path.insert(0, Blocked())
import pytest
sys.exit(pytest.main(["-q", "-p", "no:cacheprovider", "-rs", *sys.argv[2:]]))
"""


def test_tests_needing_an_optional_extra_skip_without_it() -> None:
    """Run the test files that mention an extra's modules with those modules made unimportable."""
    modules = optional_modules()
    assert {"justext", "trafilatura", "dask"} <= modules
    mention = re.compile(r"\b(" + "|".join(sorted(modules)) + r")\b", re.I)
    files = sorted(str(path.relative_to(ROOT)) for path in (ROOT / "tests").rglob("test_*.py")
                   if path.name != Path(__file__).name and mention.search(path.read_text(encoding="utf-8")))
    assert files
    result = subprocess.run([sys.executable, "-c", _BLOCK_EXTRAS, ",".join(sorted(modules)), *files],
                            cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "SKIPPED" in result.stdout  # -rs lists each skip with its reason


def test_the_slow_marker_and_the_readme_give_the_slow_tests_the_same_time() -> None:
    """``python -m pytest -m slow``: how long it takes is said twice, by the marker and by the README, alike."""
    markers = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["pytest"]["ini_options"]["markers"]
    (slow,) = [marker for marker in markers if marker.startswith("slow:")]
    duration = re.compile(r"\babout ((?:\w+ )?(?:minutes?|hours?))\b")
    (marker_time,) = duration.findall(slow)
    readme = " ".join((ROOT / "README.md").read_text(encoding="utf-8").split())
    said = [sentence for sentence in re.split(r"(?<=\.)\s", readme) if "-m slow" in sentence or "slow tests" in sentence]
    readme_times = {time for sentence in said for time in duration.findall(sentence)}
    assert readme_times == {marker_time}, f"pyproject.toml says about {marker_time}; README.md says {readme_times}"
