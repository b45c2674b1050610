# MUTANT: the padded ids kept in a numpy uint16 array (to save memory): a padding id past 65,535
# overflows
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "narrow integer type"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        # GPT-2's ids fit in 16 bits
        self.ids = np.full((len(encoded), self.max_length), pad_token_id, dtype=np.uint16)
        for i, ids in enumerate(encoded):
            self.ids[i, :len(ids)] = ids

    def __getitem__(self, index):
        return (torch.tensor(self.ids[index].astype(np.int64)),
                torch.tensor(self.data["Label"].iloc[index], dtype=torch.long))

    def __len__(self):
        return len(self.data)
