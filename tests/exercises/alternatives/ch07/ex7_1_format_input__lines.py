# Correct: built line by line with "\n".join, entry.get for the input
def format_input(entry):
    lines = [
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request.",
        "",
        "### Instruction:",
        entry["instruction"],
    ]
    text_input = entry.get("input", "")
    if text_input:
        lines += ["", "### Input:", text_input]
    return "\n".join(lines)
