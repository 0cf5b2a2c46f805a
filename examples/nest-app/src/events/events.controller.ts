import { Body, Controller, Get, Post } from '@nestjs/common';
import { InjectModel } from '@nestjs/mongoose';
import type { Model } from 'mongoose';
import { Event } from './event.schema';

/** MongoDB through an @nestjs/mongoose model on the database module's connection. */
@Controller('events')
export class EventsController {
  constructor(@InjectModel(Event.name) private readonly events: Model<Event>) {}

  @Post()
  record(@Body() body: { type: string; payload?: Record<string, unknown> }) {
    return this.events.create({ type: body.type, payload: body.payload ?? {} });
  }

  @Get()
  list() {
    return this.events.find().sort({ at: 1 }).lean();
  }
}
