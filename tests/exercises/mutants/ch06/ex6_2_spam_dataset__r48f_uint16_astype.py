# MUTANT: the padded rows cast to numpy uint16 with astype (to save memory): a padding id past
# 65,535 wraps around
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "wrapped around in uint16"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        rows = [ids + [pad_token_id] * (self.max_length - len(ids)) for ids in encoded]
        self.ids = np.array(rows, dtype=np.int64).reshape(len(rows), self.max_length)
        self.ids = self.ids.astype(np.uint16)  # GPT-2's ids fit in 16 bits

    def __getitem__(self, index):
        return (torch.tensor(self.ids[index].astype(np.int64)),
                torch.tensor(self.data["Label"].iloc[index], dtype=torch.long))

    def __len__(self):
        return len(self.data)
