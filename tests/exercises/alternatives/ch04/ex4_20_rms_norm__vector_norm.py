# Correct: mean of squares from torch.linalg.vector_norm: ||x||^2 / emb_dim
import torch
import torch.nn as nn


class RMSNorm(nn.Module):
    def __init__(self, emb_dim: int, eps: float = 1e-6) -> None:
        super().__init__()
        self.emb_dim = emb_dim
        self.eps = eps
        self.scale = nn.Parameter(torch.ones(emb_dim))

    def forward(self, x):
        sq_norm = torch.linalg.vector_norm(x, ord=2, dim=-1, keepdim=True) ** 2
        mean_square = sq_norm / x.shape[-1]
        return self.scale * (x / (mean_square + self.eps).sqrt())
