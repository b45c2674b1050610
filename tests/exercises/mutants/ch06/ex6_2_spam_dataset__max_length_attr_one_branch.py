# MUTANT: self.max_length set only when max_length is None (a local length in the other branch)
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        if max_length is None:
            self.max_length = max(len(e) for e in enc)
            length = self.max_length
        else:
            length = max_length
            enc = [e[:length] for e in enc]
        self.encoded_texts = [e + [pad_token_id] * (length - len(e)) for e in enc]

    def __getitem__(self, index):
        label = self.data.iloc[index]["Label"]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'it is set in one branch only'
