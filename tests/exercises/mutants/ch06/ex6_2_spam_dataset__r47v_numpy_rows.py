# MUTANT: the padded rows kept in a numpy array made without a dtype (float64 when no row has an id)
import numpy as np
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = [tokenizer.encode(text) for text in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
            encoded = [ids[:max_length] for ids in encoded]
        self.inputs = np.array([ids + [pad_token_id] * (self.max_length - len(ids))
                                for ids in encoded])

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return torch.from_numpy(self.inputs[index]), torch.tensor(label, dtype=torch.long)

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "numpy infers float64"
