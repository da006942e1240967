// One drawer per class, in DRAWING_CLASSES order (parts.ts).

import type { Sketch } from '../place.ts';
import type { Rng } from '../random.ts';
import { drawBicycle } from './bicycle.ts';
import { drawBoat } from './boat.ts';
import { drawBus } from './bus.ts';
import { drawCar } from './car.ts';
import { drawCup } from './cup.ts';
import { drawFace } from './face.ts';
import { drawFish } from './fish.ts';
import { drawFlower } from './flower.ts';
import { drawHouse } from './house.ts';
import { drawLamp } from './lamp.ts';
import { drawTree } from './tree.ts';
import { drawTruck } from './truck.ts';
import { drawVase } from './vase.ts';

export const DRAWERS: readonly ((rng: Rng) => Sketch)[] = [
  drawCar,
  drawHouse,
  drawTree,
  drawBicycle,
  drawBoat,
  drawFace,
  drawLamp,
  drawFish,
  drawCup,
  drawFlower,
  drawBus,
  drawTruck,
  drawVase,
];
