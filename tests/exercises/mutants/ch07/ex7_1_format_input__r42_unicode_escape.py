# MUTANT: the text is run through encode().decode("unicode_escape") to turn literal "\n" into
# newlines, which garbles every non-ASCII character (UTF-8 bytes read as Latin-1) and eats
# backslashes
def _unescape(text):
    return text.encode("utf-8").decode("unicode_escape")


def format_input(entry):
    instruction_text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{_unescape(entry['instruction'])}"
    )
    input_text = f"\n\n### Input:\n{_unescape(entry['input'])}" if entry["input"] else ""
    return instruction_text + input_text

EXPECTED_CAUSE = "non-ASCII characters are garbled"
