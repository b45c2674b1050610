# MUTANT: the prompt's lines joined with '\r\n' (a Windows line ending, as os.linesep gives there)
EXPECTED_CAUSE = "a Windows line ending"
NL = "\r\n"


def format_input(entry):
    lines = ["Below is an instruction that describes a task. Write a response that "
             "appropriately completes the request.", "", "### Instruction:",
             entry["instruction"]]
    if entry["input"]:
        lines += ["", "### Input:", entry["input"]]
    return NL.join(lines)
