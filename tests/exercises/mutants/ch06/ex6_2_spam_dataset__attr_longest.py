import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = max(len(e) for e in enc)
        length = self.max_length if max_length is None else max_length
        self.encoded_texts = [e[:length] + [pad_token_id] * (length - len(e[:length])) for e in enc]

    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(self.data["Label"].iloc[index], dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'but self.max_length must hold max_length too'
