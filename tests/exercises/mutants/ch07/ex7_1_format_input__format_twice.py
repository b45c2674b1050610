# MUTANT: the instruction goes into the template before str.format: braces in it break
def format_input(entry):
    template = (
        "Below is an instruction that describes a task. "
        "Write a response that appropriately completes the request."
        "\n\n### Instruction:\n" + entry["instruction"] + "{input_part}"
    )
    input_part = f"\n\n### Input:\n{entry['input']}" if entry["input"] else ""
    return template.format(input_part=input_part)


EXPECTED_CAUSE = 'braces'
