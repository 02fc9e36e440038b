"""Font files the generator draws with: the TLWG faces Debian installs and the Thai
government's national fonts (with Noto and IBM Plex Thai) fetched from the npm registry.

``font_path(family, weight)`` gives a TrueType file for regular (400) or bold (700). A national
font is fetched once, at a pinned version, by ``npm pack`` into the cache (``build/fonts``, or
``$THAIEVAL_FONT_CACHE``); its Thai and Latin subset files (woff2) are decompressed and merged
into one TrueType file, so one face prints a whole form as Word does.

>>> font_path("Laksaman", 700).name, is_tlwg("Laksaman"), NATIONAL["Sarabun"].package
('Laksaman-Bold.ttf', True, '@fontsource/sarabun@5.3.0')
"""

from __future__ import annotations

import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

__all__ = ["NATIONAL", "TLWG_DIR", "fetch_all", "font_path", "is_tlwg"]

TLWG_DIR = Path("/usr/share/fonts/truetype/tlwg")
TLWG = ("Laksaman", "Garuda", "Loma", "Norasi", "Sawasdee", "Kinnari", "Umpush", "Waree")
_REPO = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class NpmFont:
    slug: str  # the fontsource name: files/SLUG-thai-400-normal.woff2
    version: str  # pinned: the same files on every machine

    @property
    def package(self) -> str:
        return f"@fontsource/{self.slug}@{self.version}"


# The thirteen national fonts (SIPA, 2010) as fontsource publishes them — Srisakdi is not on
# the registry — and the Noto and IBM Plex Thai faces that born-digital documents also use.
NATIONAL: dict[str, NpmFont] = {
    "Sarabun": NpmFont("sarabun", "5.3.0"),
    "Chakra Petch": NpmFont("chakra-petch", "5.3.0"),
    "K2D": NpmFont("k2d", "5.2.8"),
    "Krub": NpmFont("krub", "5.2.7"),
    "Kodchasan": NpmFont("kodchasan", "5.2.8"),
    "Mali": NpmFont("mali", "5.3.0"),
    "Niramit": NpmFont("niramit", "5.3.0"),
    "Fahkwang": NpmFont("fahkwang", "5.3.0"),
    "Bai Jamjuree": NpmFont("bai-jamjuree", "5.3.0"),
    "Charm": NpmFont("charm", "5.2.7"),
    "Charmonman": NpmFont("charmonman", "5.2.7"),
    "KoHo": NpmFont("koho", "5.3.0"),
    "Noto Sans Thai": NpmFont("noto-sans-thai", "5.3.0"),
    "Noto Serif Thai": NpmFont("noto-serif-thai", "5.3.0"),
    "IBM Plex Sans Thai": NpmFont("ibm-plex-sans-thai", "5.3.0"),
}


def is_tlwg(family: str) -> bool:
    return family in TLWG


def cache_dir() -> Path:
    return Path(os.environ.get("THAIEVAL_FONT_CACHE") or _REPO / "build" / "fonts")


def font_path(family: str, weight: int = 400) -> Path:
    """A TrueType file of ``family`` at ``weight`` (400 regular, 700 bold), fetched if needed."""
    bold = weight >= 600
    if is_tlwg(family):
        return TLWG_DIR / f"{family}{'-Bold' if bold else ''}.ttf"
    font = NATIONAL.get(family)
    if font is None:
        raise KeyError(f"unknown font family {family!r}")
    weight = 700 if bold else 400
    out = cache_dir() / f"{font.slug}-{font.version}-{weight}.ttf"
    if not out.exists():
        _merge_subsets(_package_dir(font), font.slug, weight, out)
    return out


def _package_dir(font: NpmFont) -> Path:
    """The unpacked npm package (``npm pack`` checks the registry's integrity hash)."""
    root = cache_dir() / "npm" / f"{font.slug}-{font.version}"
    if (root / "package" / "files").is_dir():
        return root
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            ["npm", "pack", font.package, "--silent", "--pack-destination", tmp],
            check=True,
            capture_output=True,
        )
        (tarball,) = Path(tmp).glob("*.tgz")
        with tarfile.open(tarball) as tar:
            tar.extractall(root, filter="data")
    return root


def _merge_subsets(package: Path, slug: str, weight: int, out: Path) -> None:
    """One TrueType file from the Thai subset and the Latin one (digits, brackets, letters)."""
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    files = package / "package" / "files"
    with tempfile.TemporaryDirectory() as tmp:
        parts = []
        for subset in ("thai", "latin"):
            face = TTFont(str(files / f"{slug}-{subset}-{weight}-normal.woff2"))
            face.flavor = None  # woff2 → plain sfnt (brotli decompresses it)
            path = Path(tmp) / f"{subset}.ttf"
            face.save(str(path))
            parts.append(str(path))
        merged = Merger().merge(parts)
        out.parent.mkdir(parents=True, exist_ok=True)
        partial = out.with_suffix(".part")
        merged.save(str(partial))
        partial.replace(out)  # another process never reads a half-written file


def fetch_all() -> list[Path]:
    """Every national font, regular and bold (what ``make samples`` fetches up front)."""
    return [font_path(name, w) for name in NATIONAL for w in (400, 700)]


if __name__ == "__main__":
    for path in fetch_all():
        print(path)
