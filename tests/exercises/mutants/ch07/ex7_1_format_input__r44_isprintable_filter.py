# MUTANT: "invisible" characters filtered out of the text with str.isprintable (keeps \n \r \t),
# which drops no-break spaces, zero-width spaces and line separators
EXPECTED_CAUSE = "characters that print as nothing were filtered out"


def _clean(text):
    return "".join(ch for ch in text if ch.isprintable() or ch in "\n\r\t")


def format_input(entry):
    prompt = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{_clean(entry['instruction'])}"
    )
    if entry["input"]:
        prompt += f"\n\n### Input:\n{_clean(entry['input'])}"
    return prompt
