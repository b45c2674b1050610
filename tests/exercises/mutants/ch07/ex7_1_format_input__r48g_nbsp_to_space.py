# MUTANT: the record's text "cleaned" by rewriting no-break spaces (U+00A0) as ordinary spaces
EXPECTED_CAUSE = "no-break spaces (u+00a0"

PREAMBLE = ("Below is an instruction that describes a task. "
            "Write a response that appropriately completes the request.")


def _clean(text):
    return text.replace("\xa0", " ")


def format_input(entry):
    prompt = PREAMBLE + f"\n\n### Instruction:\n{_clean(entry['instruction'])}"
    if entry["input"]:
        prompt += f"\n\n### Input:\n{_clean(entry['input'])}"
    return prompt
