# MUTANT: index_select lookup instead of a product
def embedding_via_onehot(token_ids, weight):
    return weight.index_select(0, token_ids.reshape(-1)).reshape(*token_ids.shape, -1)


EXPECTED_CAUSE = "read weight's rows by index"  # the check's message must name this
