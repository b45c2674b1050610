# MUTANT: label read by column position 0 (the book's files have Label first; this CSV is Text,
# Label)
import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = max(len(e) for e in enc) if max_length is None else max_length
        enc = [e[:self.max_length] for e in enc]
        self.encoded_texts = [e + [pad_token_id] * (self.max_length - len(e)) for e in enc]

    def __getitem__(self, index):
        label = self.data.iloc[index, 0]
        return (torch.tensor(self.encoded_texts[index], dtype=torch.long),
                torch.tensor(label, dtype=torch.long))

    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = 'reads the label by column POSITION'
