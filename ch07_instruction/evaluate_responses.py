"""Score the responses in a JSON file: a judge model behind Ollama, and/or ROUGE-L (chapter 7).

The input is a list of records with ``instruction``, ``input``, ``output`` (the reference
answer) and a response field (``--key``, default ``model_response``), as written by
``finetune_instructions.py``. Two scores, both on a 0-100 scale:

- ``--judge ollama``: ask a chat model served by Ollama (the book uses Llama 3 8B) to score
  each response against the reference (§7.8). Start the server first: ``ollama serve`` and
  ``ollama pull llama3``. Replies that are not a number are counted and reported.
- ``--metric rougeL`` (always on): the longest-common-subsequence F1 between response and
  reference, computed here with no server and no extra package. It rewards word overlap, not
  correctness, so it is a rough offline signal beside the judge, not a replacement.

A file that is not such a list (bad JSON, an empty list, a record without the fields) is
refused with its line. ``--out`` names a JSON file; an existing one is kept unless you add
``--overwrite``.

Examples::

    python ch07_instruction/evaluate_responses.py runs/ch07/responses.json
    python ch07_instruction/evaluate_responses.py runs/ch07/responses.json --judge ollama
    python ch07_instruction/evaluate_responses.py responses.json --judge ollama \\
        --url http://localhost:11434/api/chat --judge-model llama3 --out scores.json
"""

from __future__ import annotations

import argparse
from pathlib import Path

from llmscratch.scripting import (
    PresetHelpFormatter,
    ScriptError,
    add_run_args,
    apply_presets,
    nonnegative_int,
    positive_float,
    positive_int,
    preset_help,
    run_script,
)

QUICK = {"limit": 5}  # --quick: score the first 5 records
FULL = {"limit": None}  # every record


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        description="Score model responses with ROUGE-L and optionally an Ollama judge.",
        formatter_class=PresetHelpFormatter,
    )
    parser.add_argument("responses", type=Path, help="JSON list of records with responses")
    parser.add_argument("--key", default="model_response", help="field holding the response")
    parser.add_argument("--judge", choices=["ollama"], default=None,
                        help="also score with a judge model behind Ollama's chat API")
    parser.add_argument("--url", default="http://localhost:11434/api/chat",
                        help="the judge's chat endpoint")
    parser.add_argument("--judge-model", default="llama3", help="the model Ollama should run")
    parser.add_argument("--timeout", type=positive_float, default=120.0,
                        help="seconds to wait for one judge reply")
    parser.add_argument("--retries", type=nonnegative_int, default=2,
                        help="extra tries after a timeout or server error")
    parser.add_argument("--metric", choices=["rougeL"], default="rougeL",
                        help="the offline metric (computed in every run)")
    parser.add_argument("--limit", type=positive_int, default=None,
                        help="score only the first N records (None: all) "
                             + preset_help("limit", QUICK, FULL))
    parser.add_argument("--out", type=Path, default=None,
                        help="write the scores and summary to this JSON file")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace an existing --out file")
    parser.add_argument("--quick", action="store_true", help="score only the first 5 records")
    add_run_args(parser, fast=False, device=False)  # --debug
    return parser


def check_out(out, overwrite):
    """Refuse an --out that is a folder, or an existing file without --overwrite (before work)."""
    if out is None:
        return
    if out.is_dir():
        raise ScriptError(f"--out {out} is a folder: give a file name such as "
                          f"{out / 'scores.json'}")
    if out.exists() and not overwrite:
        raise ScriptError(f"--out {out} already exists: add --overwrite to replace it, or choose "
                          "another --out")


def main(argv=None) -> dict:
    args = build_parser().parse_args(argv)
    apply_presets(args, QUICK, FULL)
    from llmscratch import generate_model_scores, generate_rouge_scores, save_json
    from llmscratch.instruction import read_json_records

    check_out(args.out, args.overwrite)
    if not args.responses.is_file():
        raise ScriptError(f"no responses file at {args.responses}: run "
                          "finetune_instructions.py first (it writes responses.json)")
    # the judge's prompt shows the instruction and input too
    required = ("instruction", "input", "output", args.key) if args.judge else ("output", args.key)
    try:
        records = read_json_records(args.responses, required)
    except ValueError as err:
        if f"'{args.key}'" not in str(err):
            raise
        raise ScriptError(f"{err}\nPick the field that holds the responses with --key.") from None
    records = records[:args.limit]
    rouge = generate_rouge_scores(records, args.key)
    metrics = {"responses": str(args.responses), "n": len(records), "key": args.key,
               "rougeL_mean": sum(rouge) / len(rouge), "rougeL": rouge}
    print(f"ROUGE-L (0-100) over {len(records)} responses: {metrics['rougeL_mean']:.2f}")
    if args.judge == "ollama":
        from llmscratch import JudgeUnavailableError

        try:
            scores = generate_model_scores(records, args.key, model=args.judge_model,
                                           url=args.url, timeout=args.timeout,
                                           retries=args.retries)
        except JudgeUnavailableError as err:
            raise ScriptError(str(err)) from None
        metrics.update({
            "judge_model": args.judge_model, "judge_scores": list(scores),
            "judge_scored": len(scores), "judge_unparsed": len(scores.unparsed),
            "judge_unparsed_replies": [reply for _, reply in scores.unparsed],
            "judge_mean": sum(scores) / len(scores) if scores else None,
        })
        print(f"Judge ({args.judge_model}) scored {len(scores)} of {len(records)} responses"
              + (f": average {metrics['judge_mean']:.2f}" if scores else ""))
        if scores.unparsed:
            print(f"{len(scores.unparsed)} replies were not a number, e.g. "
                  f"{scores.unparsed[0][1]!r:.100}")
    if args.out is not None:
        save_json(metrics, args.out)
        print(f"Wrote {args.out}")
    return metrics


if __name__ == "__main__":
    run_script(main)
