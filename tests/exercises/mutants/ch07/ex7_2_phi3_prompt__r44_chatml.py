# MUTANT: ChatML tags copied from a blog (<|im_start|>user ... <|im_end|>) instead of Phi-3's
# <|user|>
EXPECTED_CAUSE = "written in ChatML's"


def format_input_phi3(entry):
    text = entry["instruction"]
    if entry["input"]:
        text += "\n" + entry["input"]
    return f"<|im_start|>user\n{text}<|im_end|>"
