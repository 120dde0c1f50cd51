#!/usr/bin/env python3
"""Writes the metadata fixtures the Swift tests read, with Pillow, the way other tools write them.

Run from this directory: python3 make_fixtures.py   (Pillow 10 or later)

- a1111.png          AUTOMATIC1111: `parameters` tEXt (PngInfo.add_text)
- a1111.jpg          AUTOMATIC1111-style JPEG: Exif UserComment "UNICODE\\0" + UTF-16BE, as piexif
                     writes it, in the Exif block Pillow writes
- comfyui.png        ComfyUI: `prompt` (API graph) and `workflow` (editor graph) tEXt chunks
- invokeai.png       InvokeAI 3+: `invokeai_metadata` JSON
- compressed.png     a zTXt chunk and a compressed iTXt chunk
- comfyui.webp       ComfyUI's WebP savers: `prompt:{…}` in Exif Model (0x0110), `workflow:{…}` in Make (0x010F)
"""
import json

from PIL import Image
from PIL.PngImagePlugin import PngInfo

A1111_INFOTEXT = (
    "a lighthouse on a cliff, (dramatic sky:1.3), oil painting\n"
    "Negative prompt: blurry, lowres\n"
    'Steps: 30, Sampler: DPM++ 2M, Schedule type: Karras, CFG scale: 7, Seed: 1234567890, Size: 512x768, '
    'Model hash: 6ce0161689, Model: v1-5-pruned-emaonly, Lora hashes: "detail: 1a2b3c, style: 4d5e6f", Version: v1.10.1'
)

JPEG_INFOTEXT = (
    "portrait of a fox in a red scarf, 日本画\n"
    "Negative prompt: text, watermark\n"
    "Steps: 20, Sampler: Euler a, CFG scale: 6.5, Seed: 42, Size: 512x512, Model: dreamshaper_8"
)

COMFY_PROMPT = {
    "3": {
        "class_type": "KSampler",
        "inputs": {
            "seed": 156680208700286, "steps": 20, "cfg": 8.0, "sampler_name": "euler", "scheduler": "normal",
            "denoise": 1.0, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
            "latent_image": ["5", 0],
        },
    },
    "4": {"class_type": "CheckpointLoaderSimple", "inputs": {"ckpt_name": "v1-5-pruned-emaonly.safetensors"}},
    "5": {"class_type": "EmptyLatentImage", "inputs": {"width": 512, "height": 512, "batch_size": 1}},
    "6": {
        "class_type": "CLIPTextEncode",
        "inputs": {"text": "beautiful scenery nature glass bottle landscape, purple galaxy bottle", "clip": ["4", 1]},
    },
    "7": {"class_type": "CLIPTextEncode", "inputs": {"text": "text, watermark", "clip": ["4", 1]}},
    "8": {"class_type": "VAEDecode", "inputs": {"samples": ["3", 0], "vae": ["4", 2]}},
    "9": {"class_type": "SaveImage", "inputs": {"filename_prefix": "ComfyUI", "images": ["8", 0]}},
}


def comfy_workflow():
    """A trimmed editor graph with the same seven nodes."""
    types = {3: "KSampler", 4: "CheckpointLoaderSimple", 5: "EmptyLatentImage", 6: "CLIPTextEncode",
             7: "CLIPTextEncode", 8: "VAEDecode", 9: "SaveImage"}
    nodes = [{"id": i, "type": t, "pos": [100 * i, 100], "size": [300, 100], "flags": {}, "order": n,
              "mode": 0, "inputs": [], "outputs": [], "properties": {}} for n, (i, t) in enumerate(types.items())]
    return {"last_node_id": 9, "last_link_id": 9, "nodes": nodes,
            "links": [[1, 4, 0, 3, 0, "MODEL"], [2, 6, 0, 3, 1, "CONDITIONING"]], "groups": [], "config": {},
            "extra": {}, "version": 0.4}


INVOKE_METADATA = {
    "generation_mode": "txt2img",
    "positive_prompt": "a cozy cabin in the snowy woods, warm light",
    "negative_prompt": "people, cars",
    "width": 768,
    "height": 512,
    "seed": 3036384046,
    "cfg_scale": 7.5,
    "steps": 30,
    "scheduler": "dpmpp_2m_k",
    "model": {"key": "3c2e1b", "hash": "blake3:00", "name": "Juggernaut XL v9", "base": "sdxl", "type": "main"},
    "app_version": "4.2.4",
}


def image(color):
    return Image.new("RGB", (16, 16), color)


def main():
    info = PngInfo()
    info.add_text("parameters", A1111_INFOTEXT)
    image((40, 80, 120)).save("a1111.png", pnginfo=info)

    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9286] = b"UNICODE\x00" + JPEG_INFOTEXT.encode("utf-16-be")
    image((200, 90, 30)).save("a1111.jpg", quality=80, exif=exif)

    info = PngInfo()
    info.add_text("prompt", json.dumps(COMFY_PROMPT))
    info.add_text("workflow", json.dumps(comfy_workflow()))
    image((10, 10, 60)).save("comfyui.png", pnginfo=info)

    info = PngInfo()
    info.add_text("invokeai_metadata", json.dumps(INVOKE_METADATA))
    image((230, 230, 240)).save("invokeai.png", pnginfo=info)

    info = PngInfo()
    info.add_text("Comment", "zipped Latin-1 text: café " * 20, zip=True)
    info.add_itxt("Description", "圧縮された説明 — compressed iTXt " * 10, lang="ja", tkey="説明", zip=True)
    image((0, 128, 0)).save("compressed.png", pnginfo=info)

    exif = Image.Exif()
    exif[0x0110] = "prompt:" + json.dumps(COMFY_PROMPT)
    exif[0x010F] = "workflow:" + json.dumps(comfy_workflow())
    image((10, 10, 60)).save("comfyui.webp", lossless=True, exif=exif)


if __name__ == "__main__":
    main()
