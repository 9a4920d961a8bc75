"""Editor support, run against the real yaml-language-server (the YAML server of VS Code, Neovim
and others): the scaffold of `paiguard init` with the schema of `paiguard schema --pack` gives
completion of practice ids, the guidance text on hover, and errors for typos.

yaml-language-server is installed from the npm registry into a temporary folder, so the test
needs Node.js and npm; it is marked slow.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from conftest import missing_tool, run_paiguard
from paiguard.pack_registry import PackRegistry

CLIENT = Path(__file__).parent / "editor" / "lsp_client.js"
SERVER_VERSION = "2"


def _server(folder: Path) -> Path:
    npm, node = shutil.which("npm"), shutil.which("node")
    if npm is None or node is None:
        missing_tool("Node.js and npm", "they install yaml-language-server")
    subprocess.run(
        [npm, "install", "--no-save", "--silent", f"yaml-language-server@{SERVER_VERSION}"],
        cwd=folder,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return folder / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def _ask(server: Path, file: Path, hover: tuple[int, int], complete: tuple[int, int]) -> Any:
    args = [str(server), str(file), *map(str, hover), *map(str, complete)]
    done = subprocess.run(
        ["node", str(CLIENT), *args], check=True, capture_output=True, text=True, timeout=120
    )
    return json.loads(done.stdout)


@pytest.mark.slow
def test_scaffold_and_schema_in_yaml_language_server(tmp_path: Path) -> None:
    server = _server(tmp_path)
    project = tmp_path / "project"
    project.mkdir()
    assert run_paiguard("init", "--schema", "paiguard.schema.json", cwd=project).code == 0
    lines = (project / "paiguard.yaml").read_text(encoding="utf-8").splitlines()
    gone = lines.index("  red-teaming.r1:")  # leave one practice out, for completion to offer
    del lines[gone : gone + 2]
    lines[lines.index("  novel-risks.b2:")] = "  novel-risks.b22:"
    lines[lines.index("  novel-risks.b3:") + 1] = "    status: done"
    at = lines.index("waivers: []")
    lines[at:at] = ["  "]
    file = project / "paiguard.yaml"
    file.write_text("\n".join(lines) + "\n", encoding="utf-8")

    hover_line = lines.index("  red-teaming.b1:") + 1
    got = _ask(server, file, (hover_line, 5), (at + 1, 3))

    text = PackRegistry().require("pai-frontier-restricted-api@1").practices["red-teaming.b1"]
    assert got["hover"].startswith(
        f"#### red-teaming.b1 (baseline)\n\n{text.practice.text}\n\nGuideline 8, red-teaming: "
    )
    assert "red-teaming.r1" in got["completion"]
    assert "red-teaming.b1" not in got["completion"]  # already declared
    assert sorted(got["diagnostics"]) == [
        [lines.index("  novel-risks.b22:") + 1, "Property novel-risks.b22 is not allowed."],
        [
            lines.index("    status: done") + 1,
            'Value is not accepted. Valid values: "implemented", "partial", "planned", '
            '"not-implemented", "not-applicable".',
        ],
    ]
