# Correct: torch.var_mean(correction=0), shift/scale created in the other order, explicit dtype
import torch
import torch.nn as nn


class LayerNorm(nn.Module):
    def __init__(self, emb_dim: int, ) -> None:
        super().__init__()
        self.shift = nn.Parameter(torch.zeros(emb_dim, dtype=torch.float32))
        self.scale = nn.Parameter(torch.ones(emb_dim, dtype=torch.float32))
        self.eps = 1e-5

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        var, mean = torch.var_mean(x, dim=-1, keepdim=True, correction=0)
        return (x - mean) / (var + self.eps).sqrt() * self.scale + self.shift
