# MUTANT: assumes a batch of one: squeeze(0), repeat dim 0, unsqueeze(0).
def repeat_kv(kv, group_size):
    return kv.squeeze(0).repeat_interleave(group_size, dim=0).unsqueeze(0)


EXPECTED_CAUSE = "the code assumes batch 1"
