# Correct: sections in a list joined with blank lines, a module constant for the preamble
PREAMBLE = ("Below is an instruction that describes a task. Write a response that "
            "appropriately completes the request.")


def format_input(entry: dict) -> str:
    sections = [PREAMBLE, "### Instruction:\n" + entry["instruction"]]
    if entry["input"] != "":
        sections.append("### Input:\n" + entry["input"])
    return "\n\n".join(sections)
