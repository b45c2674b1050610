# Correct: empty Sequential filled with append, keyword in/out features
import torch.nn as nn

import llmscratch


class FeedForward(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        emb_dim = cfg["emb_dim"]
        self.layers = nn.Sequential()
        self.layers.append(nn.Linear(in_features=emb_dim, out_features=emb_dim * 4))
        self.layers.append(llmscratch.GELU())
        self.layers.append(nn.Linear(in_features=emb_dim * 4, out_features=emb_dim))

    def forward(self, x):
        return self.layers(x)
