# Correct: simplified closed form 8E^2 + 5E and 4E^2 + E (+ 3E with qkv bias)
def block_parameter_counts(cfg):
    E = int(cfg["emb_dim"])
    attention = 4 * E * E + E + 3 * E * int(cfg["qkv_bias"])
    return {"attention": attention, "feed_forward": 8 * E * E + 5 * E}
