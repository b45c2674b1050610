import pandas as pd
import torch
from torch.utils.data import Dataset


class SpamDataset(Dataset):
    def __init__(self, csv_file, tokenizer, max_length=None, pad_token_id=50256):
        self.data = pd.read_csv(csv_file)
        enc = [tokenizer.encode(t) for t in self.data["Text"]]
        self.max_length = max_length or max(len(e) for e in enc)
        pad = tokenizer.encode("<|endoftext|>", allowed_special={"<|endoftext|>"})[0]
        n = self.max_length
        self.encoded_texts = [e[:n] + [pad] * (n - len(e[:n])) for e in enc]
    def __getitem__(self, index):
        return (torch.tensor(self.encoded_texts[index]),
                torch.tensor(self.data.iloc[index]["Label"]))
    def __len__(self):
        return len(self.data)


EXPECTED_CAUSE = "padded with 60, not with pad_token_id"
