"""data/lexicon.yaml: the words the parser reads by, validated on load (a bad edit fails early)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import pytest
import yaml
from pydantic import ValidationError

from cchc_cli.parse.header import parse_metadata
from cchc_cli.parse.lexicon import classify_area, find_indices, section_kind
from cchc_cli.parse.state import State
from cchc_cli.readers.blocks import Block, Document
from cchc_cli.vocab import Lexicon, lexicon


def _data() -> dict:
    return yaml.safe_load(
        resources.files("cchc_cli.data").joinpath("lexicon.yaml").read_text(encoding="utf-8")
    )


def test_the_shipped_lexicon_is_valid() -> None:
    """A start builds the lexicon from its JSON twin without validating it (see
    ``vocab._checked``): the full validation must accept the same data and give the same model."""
    assert Lexicon.model_validate(_data()) == lexicon()


def test_a_twin_is_written_only_for_data_its_model_accepts(tmp_path) -> None:
    from cchc_cli.vocab import write_twin

    data = _data()
    data["reform_areas"][0]["area"] = "not an area"
    (tmp_path / "lexicon.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(ValidationError, match="reform area"):
        write_twin("lexicon", tmp_path)
    assert not (tmp_path / "lexicon.json").exists()


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda d: d["reform_areas"].append({"area": "weather", "phrases": ["mua"]}), "not one of"),
        (lambda d: d["section_kinds"][0]["phrases"].append("Tổ chức"), "not folded"),
        (lambda d: d["signer_titles"].update({"Phó Giám đốc": "x"}), "capitals"),
        (
            lambda d: d.update({"comparator_words": dict(reversed(d["comparator_words"].items()))}),
            "in this order",
        ),
        (lambda d: d.update({"unknown_list": []}), "Extra inputs"),
    ],
    ids=["unknown-area", "unfolded-phrase", "title-not-in-capitals", "comparator-order", "unknown-key"],
)
def test_a_bad_edit_is_refused_with_its_reason(edit, message: str) -> None:
    data = _data()
    edit(data)
    with pytest.raises(ValidationError, match=message):
        Lexicon.model_validate(data)


def test_the_rules_read_their_words_from_the_data() -> None:
    """A few words of each list, through the rules that use them."""
    assert classify_area("Nâng cao chất lượng giải quyết thủ tục hành chính") == "administrative_procedures"
    assert section_kind("IV. TỔ CHỨC THỰC HIỆN") == "organization"
    assert find_indices("cải thiện Chỉ số SIPAS và chỉ số PAR INDEX") == ["SIPAS", "PAR INDEX"]
    blocks = [
        Block("para", text=t) for t in ("ỦY BAN NHÂN DÂN TỈNH ĐẮK LẮK", "KẾ HOẠCH", "Cải cách hành chính")
    ]
    blocks += [Block("para", text=t) for t in ("Nơi nhận:", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn An")]
    state = State.split(Document(format="txt", blocks=blocks))
    meta = parse_metadata(state)
    assert (meta.issuer, meta.province, meta.doc_type) == (
        "Ủy ban nhân dân tỉnh Đắk Lắk",
        "Đắk Lắk",
        "Kế hoạch",
    )
    assert (meta.signer, meta.signer_title) == ("Nguyễn Văn An", "Phó Chủ tịch")


def test_labels_name_every_code_and_column_in_every_language() -> None:
    import copy

    import pytest
    from pydantic import ValidationError

    from cchc_cli.render.tables import COLUMNS
    from cchc_cli.vocab import Labels, data_file, labels

    assert labels() == Labels.model_validate(data_file("labels"))  # the twin, taken on trust
    data = labels().model_dump()
    for what, columns in COLUMNS.items():
        assert what in data["sheets"]
        assert set(columns) <= set(data["columns"]), set(columns) - set(data["columns"])
    missing_area = copy.deepcopy(data)
    del missing_area["areas"]["apparatus"]
    with pytest.raises(ValidationError, match="no label for \\['apparatus'\\]"):
        Labels.model_validate(missing_area)
    one_language = copy.deepcopy(data)
    del one_language["units"]["rank"]["en"]
    with pytest.raises(ValidationError, match=r"units\.rank"):
        Labels.model_validate(one_language)


def test_the_json_twins_of_the_data_files_are_current(tmp_path) -> None:
    """`make data` writes them; a start reads them instead of parsing YAML. A stale twin would
    only be slower (the YAML is read instead), but the package must ship them current."""
    import json
    import shutil

    import yaml

    from cchc_cli.vocab import data_file, write_twin

    folder = Path(__file__).resolve().parent.parent / "src/cchc_cli/data"
    for name in ("lexicon", "labels", "national"):
        shutil.copy(folder / f"{name}.yaml", tmp_path / f"{name}.yaml")
        write_twin(name, tmp_path)
        shipped = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
        assert shipped == json.loads((tmp_path / f"{name}.json").read_text(encoding="utf-8")), (
            f"run make data ({name})"
        )
        assert data_file(name) == json.loads(
            json.dumps(yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8")), default=str)
        )


def test_every_pattern_of_the_rules_compiles() -> None:
    """Patterns compile on first use (``text.rx``): a bad one, say from a word-list edit, must
    still fail here rather than on the one document that reaches it."""
    import importlib
    import pkgutil

    import cchc_cli
    from cchc_cli.text import ALL_PATTERNS

    for module in pkgutil.walk_packages(cchc_cli.__path__, "cchc_cli."):
        if not module.name.endswith("__main__"):  # that one runs the command
            importlib.import_module(module.name)
    assert len(ALL_PATTERNS) > 100
    for pattern in ALL_PATTERNS:
        assert pattern.compiled().pattern == pattern.pattern
