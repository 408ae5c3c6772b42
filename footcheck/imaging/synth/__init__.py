"""Synthetic footprints with exactly known geometry, in the looks real photos have.

Why: no licensed set of real footprint photos with measured indices exists, so the analyser is
tested on prints drawn from a parametric foot whose toe-less outline is known analytically
(``foot``), photographed in software as wet prints, podoscope ink sheets or podoscope glass
photos (``scene``, ``sheet``). Real photos are used to develop and benchmark the engine
(benchmarks/bench_real.py), never committed. The app also shows these drawings as its
reference pictures of high, normal and flat prints (``scenes.reference_print``).
"""

from footcheck.imaging.synth.foot import FootShape, random_shape, with_arch_index
from footcheck.imaging.synth.scene import Placement, Scene, encode, render
from footcheck.imaging.synth.scenes import KINDS, STYLES, random_scene, reference_print

__all__ = [
    "KINDS",
    "STYLES",
    "FootShape",
    "Placement",
    "Scene",
    "encode",
    "random_scene",
    "random_shape",
    "reference_print",
    "render",
    "with_arch_index",
]
