# MUTANT: textwrap.dedent over the filled-in template: a multi-line input stops the dedent
# (the record's lines lack the template's indentation, which then stays in the prompt)
import textwrap

PRE = ("Below is an instruction that describes a task. "
       "Write a response that appropriately completes the request.")


def format_input(entry):
    prompt = textwrap.dedent(f"""\
        {PRE}

        ### Instruction:
        {entry['instruction']}""")
    if entry["input"]:
        prompt += textwrap.dedent(f"""

            ### Input:
            {entry['input']}""")
    return prompt


EXPECTED_CAUSE = "removes only the indentation that every line"
