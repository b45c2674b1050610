# MUTANT: the instruction's em dashes, en dashes and ellipses "tidied" into ASCII ('--', '-',
# '...') by a replace chain before it goes into the prompt
EXPECTED_CAUSE = "typographic punctuation in the record's instruction was rewritten as ascii"


def format_input(entry):
    instruction = (entry["instruction"].replace("\u2014", "--").replace("\u2013", "-")
                   .replace("\u2026", "..."))
    text = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        f"\n\n### Instruction:\n{instruction}"
    )
    if entry["input"]:
        text += f"\n\n### Input:\n{entry['input']}"
    return text
