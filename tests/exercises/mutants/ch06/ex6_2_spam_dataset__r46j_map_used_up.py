# MUTANT: the texts are encoded with map(...), and the max over the lengths (max_length=None) uses
# up the iterator, so no row is built from it
import pandas as pd
import torch
from torch.utils.data import Dataset

EXPECTED_CAUSE = "used up an iterator"


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        encoded = map(tokenizer.encode, self.data["Text"])
        if max_length is None:
            self.max_length = max(len(ids) for ids in encoded)
        else:
            self.max_length = max_length
        cut = (ids[:self.max_length] for ids in encoded)
        self.encoded_texts = [ids + [pad_token_id] * (self.max_length - len(ids)) for ids in cut]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)
