"""The shared vocabulary, loaded from ``data/lexicon.yaml`` and validated once.

A low module: parse rules, checks and renderers import it; it imports nothing of theirs.
Patterns are built here, in one place, from the phrase lists, so that a new phrasing is a
data edit. Phrases are folded text (see ``text.fold``) and match as whole words.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


def _folded_phrases(phrases: list[str]) -> list[str]:
    for p in phrases:
        if p != p.lower() or not p.isascii():
            raise ValueError(f"phrase {p!r} is not folded (lowercase, no diacritics)")
    return phrases


class Column(_Strict):
    """One appendix column: the header phrases that name it."""

    field: str = Field(pattern=r"^(stt|ignore|timeline|partners|lead|output|note|content)$")
    phrases: list[str] = Field(min_length=1)
    whole_cell: bool = False

    @field_validator("phrases")
    @classmethod
    def _folded(cls, phrases: list[str]) -> list[str]:
        return _folded_phrases(phrases)


def _one_of(names: list[str], literal: object, what: str) -> None:
    known = set(get_args(literal))
    for name in names:
        if name not in known:
            raise ValueError(f"{what} {name!r} is not one of {sorted(known)}")


class _Phrases(_Strict):
    phrases: list[str] = Field(min_length=1)

    @field_validator("phrases")
    @classmethod
    def _folded(cls, phrases: list[str]) -> list[str]:
        return _folded_phrases(phrases)


class AreaRule(_Phrases):
    """A reform area and the folded phrases that name it (tried in their order)."""

    area: str


class SectionRule(_Phrases):
    """A section kind and the folded phrases of its headings."""

    kind: str


class _Folded(_Strict):
    """A section whose every list is folded phrases."""

    @model_validator(mode="after")
    def _all_folded(self) -> _Folded:
        for name in type(self).model_fields:
            _folded_phrases(getattr(self, name))
        return self


class PageParts(_Folded):
    titles: list[str] = Field(min_length=1)
    closing: list[str] = Field(min_length=1)
    appendix: list[str] = Field(min_length=1)
    trailer_starts: list[str] = Field(min_length=1)
    chrome_starts: list[str] = Field(min_length=1)
    chrome_lines: list[str] = Field(min_length=1)


class HeaderWords(_Strict):
    motto: list[str] = Field(min_length=1)
    department_heads: list[str] = Field(min_length=1)
    ministry_heads: list[str] = Field(min_length=1)
    central_bodies: list[str] = Field(min_length=1)
    central_heads: list[str] = Field(min_length=1)
    period_words: list[str] = Field(min_length=1)

    @model_validator(mode="after")
    def _forms(self) -> HeaderWords:
        _folded_phrases(self.motto)
        for name in ("department_heads", "ministry_heads", "central_bodies", "central_heads"):
            for word in getattr(self, name):
                if word != word.upper():
                    raise ValueError(
                        f"header_words.{name}: {word!r} must be in capitals, as headers write it"
                    )
        return self


class ReferenceWords(_Strict):
    kinds: list[str] = Field(min_length=1)
    number_kinds: dict[str, str] = Field(min_length=1)
    issuer_ends: list[str] = Field(min_length=1)


class AssignmentWords(_Strict):
    agencies: list[str] = Field(min_length=1)
    duty_verbs: list[str] = Field(min_length=1)


class TargetWords(_Strict):
    trailing: list[str] = Field(min_length=1)
    lead: list[str] = Field(min_length=1)
    value_years: list[str] = Field(min_length=1)
    value_links: list[str] = Field(min_length=1)
    continuations: list[str] = Field(min_length=1)
    result: list[str] = Field(min_length=1)
    past_time: list[str] = Field(min_length=1)
    reported: list[str] = Field(min_length=1)
    budget: list[str] = Field(min_length=1)
    score_context: list[str] = Field(min_length=1)
    quota_nouns: list[str] = Field(min_length=1)
    grades: list[str] = Field(min_length=1)
    directions: list[str] = Field(min_length=1)
    leading_verbs: list[str] = Field(min_length=1)
    score_rank: list[str] = Field(min_length=1)
    subordinate: list[str] = Field(min_length=1)


class TimelineWords(_Folded):
    recurring: list[str] = Field(min_length=1)
    before: list[str] = Field(min_length=1)
    this_year: list[str] = Field(min_length=1)


class SectionWords(_Folded):
    lead_in: list[str] = Field(min_length=1)
    unit_cells: list[str] = Field(min_length=1)


class PlanWords(_Folded):
    anywhere: list[str] = Field(min_length=1)
    about_a_plan: list[str] = Field(min_length=1)


class Lexicon(_Strict):
    """Every word list of ``data/lexicon.yaml`` (its comments say what each is for)."""

    table_columns: list[Column]
    signer_titles: dict[str, str] = Field(min_length=1)
    administrative_units: dict[str, str] = Field(min_length=1)
    issuing_bodies: list[str] = Field(min_length=1)
    doc_types: dict[str, str] = Field(min_length=1)
    deciding_authorities: list[str] = Field(min_length=1)
    comparator_words: dict[str, list[str]]
    count_words: list[str] = Field(min_length=1)
    commitment_words: list[str] = Field(min_length=1)
    target_signs: list[str] = Field(min_length=1)
    reform_areas: list[AreaRule] = Field(min_length=1)
    section_kinds: list[SectionRule] = Field(min_length=1)
    agency_heads: list[str] = Field(min_length=1)
    provinces: list[str] = Field(min_length=60)
    central_cities: list[str] = Field(min_length=1)
    province_spellings: dict[str, str] = Field(default_factory=dict)
    indices: dict[str, list[str]] = Field(min_length=1)
    page_parts: PageParts
    header_words: HeaderWords
    references: ReferenceWords
    assignments: AssignmentWords
    target_words: TargetWords
    timeline_words: TimelineWords
    section_words: SectionWords
    plan_words: PlanWords

    @field_validator("reform_areas")
    @classmethod
    def _known_areas(cls, rules: list[AreaRule]) -> list[AreaRule]:
        from cchc_cli.models import Area

        _one_of([r.area for r in rules], Area, "reform area")
        return rules

    @field_validator("section_kinds")
    @classmethod
    def _known_kinds(cls, rules: list[SectionRule]) -> list[SectionRule]:
        from cchc_cli.models import SectionKind

        _one_of([r.kind for r in rules], SectionKind, "section kind")
        return rules

    @field_validator("comparator_words")
    @classmethod
    def _four_comparators(cls, words: dict[str, list[str]]) -> dict[str, list[str]]:
        if list(words) != [">=", "<=", ">", "<"]:
            raise ValueError("comparator_words lists >=, <=, >, < in this order")
        return words

    @field_validator("signer_titles", "administrative_units")
    @classmethod
    def _capitals(cls, words: dict[str, str]) -> dict[str, str]:
        for key in words:
            if key != key.upper():
                raise ValueError(f"{key!r} must be written in capitals, as headers write it")
        return words

    @field_validator("doc_types")
    @classmethod
    def _folded_keys(cls, words: dict[str, str]) -> dict[str, str]:
        _folded_phrases(list(words))
        return words

    @field_validator("deciding_authorities")
    @classmethod
    def _folded_list(cls, phrases: list[str]) -> list[str]:
        return _folded_phrases(phrases)


def data_file(name: str):
    """One of cchc's data files (``data/NAME.yaml``, the source of truth), as plain data."""
    return _load(name)[0]


def _load(name: str) -> tuple[Any, bool]:
    """A data file's data, and whether it came from its JSON twin.

    The twin (``data/NAME.json``, written by ``make data``) is read when it was made from the
    same YAML text (its sha256 says so): a start then needs neither PyYAML nor a YAML parse
    (30 ms of every command). An edited YAML is read as YAML until the twin is remade."""
    import hashlib
    import json

    # Beside this module (cchc is installed as files): importlib.resources costs 4 ms a start.
    folder = Path(__file__).parent / "data"
    text = folder.joinpath(f"{name}.yaml").read_text(encoding="utf-8")
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    twin = folder.joinpath(f"{name}.json")
    if twin.is_file():
        cached = json.loads(twin.read_text(encoding="utf-8"))
        if cached.get("source_sha256") == digest:
            return cached["data"], True
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)), False


def write_twin(name: str, folder) -> None:
    """``make data``: the JSON twin of ``data/NAME.yaml`` (see ``_load``), written only when
    the model of the file (if it has one here) accepts its data."""
    import hashlib
    import json

    import yaml

    text = (folder / f"{name}.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if name in _MODELS:
        _MODELS[name].model_validate(data)
    twin = {"source_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(), "data": data}
    (folder / f"{name}.json").write_text(
        json.dumps(twin, ensure_ascii=False, default=str) + "\n", encoding="utf-8"
    )


def _checked(model: type[BaseModel], name: str):
    """``model`` over data file ``name``. Data from the twin was accepted by the model when the
    twin was written (and the tests validate it again), so it is put together without
    validation: building pydantic's validator for a model this size takes 20-25 ms of every
    start. YAML read directly (an edit not yet twinned) is validated."""
    data, from_twin = _load(name)
    return _construct(model, data) if from_twin else model.model_validate(data)


def _construct(model: type[BaseModel], data: dict):
    """``model.model_construct`` all the way down: nested models, lists and dicts of them."""
    return model.model_construct(
        **{
            name: _construct_value(field.annotation, data[name])
            for name, field in model.model_fields.items()
            if name in data
        }
    )


def _construct_value(annotation: Any, value: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return _construct(annotation, value)
    args = get_args(annotation)
    if get_origin(annotation) is list:
        return [_construct_value(args[0], v) for v in value]
    if get_origin(annotation) is dict:
        return {k: _construct_value(args[1], v) for k, v in value.items()}
    return value


@cache
def lexicon() -> Lexicon:
    return _checked(Lexicon, "lexicon")


def phrases_pattern(phrases: list[str], whole: bool = False) -> re.Pattern[str]:
    """Folded phrases -> one pattern matching any of them as whole words (or as the whole text)."""
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"^(?:{body})$" if whole else rf"\b(?:{body})\b")


@cache
def column_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(c.field, phrases_pattern(c.phrases, c.whole_cell)) for c in lexicon().table_columns]


def alternatives(words) -> str:
    """Words (as written) -> a regex alternation, longest first, spaces as any run of spaces."""
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


def starts_pattern(phrases, whole_words: bool = True) -> str:
    """Phrases a text starts with: ``^(?:...)``, each ending at a word's end when it ends in a
    letter (and ``whole_words``); a phrase ending in ":" ends where it ends."""
    ends = r"\b" if whole_words else ""
    parts = [
        re.escape(p).replace(r"\ ", r"\s+") + (ends if p[-1:].isalnum() else "")
        for p in sorted(phrases, key=len, reverse=True)
    ]
    return rf"^(?:{'|'.join(parts)})"


def words_pattern(words) -> str:
    """Words as whole words (``\\b`` around letters), signs such as "≥" as they are."""
    letters = [w for w in words if w[:1].isalnum()]
    signs = [w for w in words if not w[:1].isalnum()]
    parts = [rf"\b(?:{alternatives(letters)})\b"] if letters else []
    return "|".join(parts + ([alternatives(signs)] if signs else []))


Language = Literal["vi", "en"]
Words = dict[str, str]  # language -> text


class Labels(_Strict):
    """``data/labels.yaml``: what xlsx, markdown and the report show, per language."""

    languages: list[str]
    columns: dict[str, Words]
    sheets: dict[str, Words]
    areas: dict[str, Words]
    comparators: dict[str, Words]
    units: dict[str, Words]
    issuer_levels: dict[str, Words]
    report: dict[str, Words]

    @model_validator(mode="after")
    def _complete(self) -> Labels:
        from cchc_cli.models import Area, Comparator, IssuerLevel, Unit

        for name, codes in (
            ("areas", Area),
            ("comparators", Comparator),
            ("units", Unit),
            ("issuer_levels", IssuerLevel),
        ):
            missing = set(get_args(codes)) - set(getattr(self, name))
            if missing:
                raise ValueError(f"{name}: no label for {sorted(missing)}")
        for name in ("columns", "sheets", "areas", "comparators", "units", "issuer_levels", "report"):
            for key, words in getattr(self, name).items():
                if set(words) != set(self.languages):
                    raise ValueError(f"{name}.{key}: labels for {sorted(words)}, not {self.languages}")
        return self


@cache
def labels() -> Labels:
    return _checked(Labels, "labels")


_MODELS: dict[str, type[BaseModel]] = {"lexicon": Lexicon, "labels": Labels}


class Speaker:
    """Labels in one language, with the code itself for anything unlabelled."""

    def __init__(self, lang: str = "vi") -> None:
        self.lang = lang
        self.all = labels()

    def _say(self, table: dict[str, Words], code: Any) -> Any:
        words = table.get(code) if isinstance(code, str) else None
        return words[self.lang] if words else code

    def column(self, key: str) -> str:
        return self._say(self.all.columns, key)

    def sheet(self, key: str) -> str:
        return self._say(self.all.sheets, key)

    def area(self, code: Any) -> Any:
        return self._say(self.all.areas, code)

    def comparator(self, code: Any) -> Any:
        return self._say(self.all.comparators, code)

    def unit(self, code: Any) -> Any:
        return self._say(self.all.units, code)

    def issuer_level(self, code: Any) -> Any:
        return self._say(self.all.issuer_levels, code)

    def report(self, key: str) -> str:
        return self.all.report[key][self.lang]
